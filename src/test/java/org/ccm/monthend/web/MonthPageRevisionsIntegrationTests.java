package org.ccm.monthend.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.close.CloseOutcome;
import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.demo.DemoDataLoader;
import org.ccm.monthend.demo.DemoSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The month page keeps what it derives from a revision's files (the nearly-qualifying list from exceptions.csv) and
 * from its claims; a re-close ({@code close --revision 2}) is a new revision and the page must show it, never the
 * cached revision 1. The expected lists are read from each revision's exceptions.csv by this test, not from a page.
 */
@SpringBootTest(properties = {"spring.main.web-application-type=servlet",
        "spring.datasource.url=jdbc:h2:mem:month-page-revisions;DB_CLOSE_DELAY=-1", "ccm.console.require-user=false"})
@AutoConfigureMockMvc
@DirtiesContext
class MonthPageRevisionsIntegrationTests {

    static final YearMonth MONTH = YearMonth.of(2026, 10);
    private static final Pattern CAPTION = Pattern.compile("<caption>(\\d+) patient-months below the 20-minute threshold");
    private static final Pattern BELOW_ROW = Pattern.compile("<tr>\\s*<td class=\"mono\">([^<]+)</td>\\s*<td class=\"num\">[0-9.]+</td>"
            + "\\s*<td class=\"num\">[0-9.]+</td>\\s*<td class=\"num\">([0-9.]+)</td>");

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DemoDataLoader demo;

    @Autowired
    MonthCloseLauncher closes;

    /** A patient-month of exceptions.csv that is BELOW_THRESHOLD with 10 to 19.99 minutes and fails nothing else. */
    record Nearly(String patientId, BigDecimal minutes, boolean onlyThreshold) {
    }

    @Test
    void aReclosedMonthsPageShowsTheNewRevisionNotTheCachedOne() throws Exception {
        demo.load(new DemoSpec(300, MONTH, DemoSpec.DEFAULT_SEED));
        assertThat(closes.close(MONTH, 1, CloseProgress.NONE)).isInstanceOf(CloseOutcome.Closed.class);
        List<Nearly> first = nearly(out.resolve(MONTH.toString()).resolve("exceptions.csv"));
        assertThat(first).as("the demo month has nearly-qualifying patient-months").hasSizeGreaterThan(1).hasSizeLessThan(50);

        String page = page();
        assertThat(page).contains("Revision <strong>1</strong>");
        assertThat(count(page)).isEqualTo(first.size());
        assertThat(rows(page)).containsExactlyElementsOf(first.stream().map(n -> n.patientId() + " " + n.minutes()).toList());
        assertThat(nearlySection(page())).as("the second view, from the cache, says the same").isEqualTo(nearlySection(page));

        // late time: one nearly-qualifying patient gets 20 more minutes from the member who already logged counted time
        Nearly late = null;
        String counted = null;
        for (Nearly candidate : first) {
            counted = candidate.onlyThreshold() ? staffEntry(out.resolve(MONTH.toString()).resolve("evidence.csv"), candidate.patientId()) : null;
            if (counted != null) {
                late = candidate;
                break;
            }
        }
        assertThat(late).as("a nearly-qualifying patient with counted staff time and no other failing gate").isNotNull();
        assertThat(jdbc.update("""
                INSERT INTO time_entry (entry_id, patient_id, member_id, performed_at, minutes, activity, program)
                SELECT 'LATE-ENTRY-1', patient_id, member_id, performed_at, 20.00, activity, program FROM time_entry WHERE entry_id = ?""",
                counted)).isEqualTo(1);
        assertThat(closes.close(MONTH, 2, CloseProgress.NONE)).isInstanceOf(CloseOutcome.Closed.class);
        List<Nearly> second = nearly(out.resolve(MONTH.toString()).resolve("revision-2").resolve("exceptions.csv"));
        assertThat(second).as("revision 2 says something else").extracting(Nearly::patientId).doesNotContain(late.patientId())
                .hasSize(first.size() - 1);

        String reclosed = page();
        assertThat(reclosed).contains("Revision <strong>2</strong>");
        assertThat(count(reclosed)).isEqualTo(second.size());
        assertThat(rows(reclosed)).containsExactlyElementsOf(second.stream().map(n -> n.patientId() + " " + n.minutes()).toList());
    }

    private String page() throws Exception {
        MvcResult result = mvc.perform(get("/months/" + MONTH).with(user("auditor").roles("AUDITOR"))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private static int count(String page) {
        Matcher caption = CAPTION.matcher(page);
        assertThat(caption.find()).as("the nearly-qualifying caption").isTrue();
        return Integer.parseInt(caption.group(1));
    }

    private static String nearlySection(String page) {
        int from = page.indexOf("id=\"nearly\"");
        assertThat(from).as("the nearly-qualifying section").isPositive();
        return page.substring(from, page.indexOf("</section>", from));
    }

    private static List<String> rows(String page) {
        int from = page.indexOf("id=\"nearly-below\"");
        int to = page.indexOf("id=\"nearly-addon\"");
        Matcher row = BELOW_ROW.matcher(page.substring(from, to));
        List<String> found = new ArrayList<>();
        while (row.find()) {
            found.add(row.group(1) + " " + row.group(2));
        }
        return found;
    }

    /** The first entry of the patient that evidence.csv counted as STAFF time, or null. */
    private static String staffEntry(Path evidence, String patientId) throws Exception {
        try (Reader in = Files.newBufferedReader(evidence);
                CSVParser parser = CSVParser.parse(in, CSVFormat.DEFAULT.builder().setHeader().get())) {
            for (CSVRecord row : parser) {
                if (row.get("patient_id").equals(patientId) && row.get("counted_as").equals("STAFF")) {
                    return row.get("entry_id");
                }
            }
        }
        return null;
    }

    /** exceptions.csv's BELOW_THRESHOLD rows with 10 to 19.99 staff + practitioner minutes, in the file's order. */
    private static List<Nearly> nearly(Path exceptions) throws Exception {
        List<Nearly> found = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(exceptions);
                CSVParser parser = CSVParser.parse(in, CSVFormat.DEFAULT.builder().setHeader().get())) {
            for (CSVRecord row : parser) {
                if (!row.get("reason_code").equals("BELOW_THRESHOLD")) {
                    continue;
                }
                BigDecimal total = BigDecimal.ZERO;
                for (String part : row.get("detail").split(";")) {
                    String[] kv = part.strip().split("=", 2);
                    if (kv[0].equals("staff_minutes") || kv[0].equals("practitioner_minutes")) {
                        total = total.add(new BigDecimal(kv[1].strip()));
                    }
                }
                if (total.compareTo(BigDecimal.TEN) >= 0 && total.compareTo(BigDecimal.valueOf(20)) < 0) {
                    found.add(new Nearly(row.get("patient_id"), total.setScale(2), !row.get("detail").contains("also_failing=")));
                }
            }
        }
        return found;
    }
}
