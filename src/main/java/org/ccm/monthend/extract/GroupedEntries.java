package org.ccm.monthend.extract;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.billing.Practitioner;
import org.ccm.monthend.billing.TimeEntry;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A patient's time entries as the server assembles them on MySQL and MariaDB: the items of
 * {@code GROUP_CONCAT(JSON_ARRAY(entry_id, member_id, performed_at, minutes, activity, program))}, each value as text
 * (JSON_ARRAY escapes what a value holds), which are read back exactly as the seven columns would be: the minutes as
 * the decimal the table holds, the time to the microsecond.
 */
final class GroupedEntries {

    private static final JsonFactory JSON = new JsonFactory();

    private GroupedEntries() {
    }

    /**
     * Adds the entries of {@code items} (JSON arrays separated by commas) to {@code into}; refuses a list that does not
     * hold {@code count} entries (a group_concat_max_len too small would cut it short).
     */
    static void parse(String items, int count, Map<String, Practitioner> members, List<TimeEntry> into) {
        int before = into.size();
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), "[" + items + "]")) {
            expect(parser.nextToken(), JsonToken.START_ARRAY);
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                expect(token, JsonToken.START_ARRAY);
                String entryId = text(parser);
                String memberId = text(parser);
                String performedAt = text(parser);
                String minutes = text(parser);
                String activity = text(parser);
                String program = text(parser);
                expect(parser.nextToken(), JsonToken.END_ARRAY);
                Practitioner member = members.get(memberId);
                into.add(new TimeEntry(entryId, memberId, member == null ? null : member.credential(),
                        LocalDateTime.parse(performedAt.replace(' ', 'T')), new BigDecimal(minutes), activity, program));
            }
        }
        if (into.size() - before != count) {
            throw new IllegalStateException("the server's list of a patient's time entries holds " + (into.size() - before)
                    + " of " + count + " entries (group_concat_max_len too small?)");
        }
    }

    private static String text(JsonParser parser) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.VALUE_STRING);
        return parser.getString();
    }

    private static void expect(JsonToken token, JsonToken expected) {
        if (token != expected) {
            throw new IllegalStateException("unexpected " + token + " in the server's list of time entries, expected " + expected);
        }
    }
}
