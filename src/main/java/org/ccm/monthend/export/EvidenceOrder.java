package org.ccm.monthend.export;

import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Whether a range's evidence part is already in entry_id order, as it is written: its first and last entry id,
 * and whether every id was greater than the one before. Kept in the range's step context with each chunk, like
 * the tally, so that publishing knows without reading ten million lines back whether the parts, one after the
 * other, are the sorted evidence file (entry ids issued patient by patient) or need the external sort.
 */
final class EvidenceOrder {

    private static final String FIRST = "evidence.firstEntryId";
    private static final String LAST = "evidence.lastEntryId";
    private static final String IN_ORDER = "evidence.inOrder";

    private String first;
    private String last;
    private boolean inOrder = true;

    void add(String entryId) {
        if (first == null) {
            first = entryId;
        }
        else if (last.compareTo(entryId) >= 0) {
            inOrder = false;
        }
        last = entryId;
    }

    void save(ExecutionContext context) {
        context.putString(IN_ORDER, Boolean.toString(inOrder));
        if (first != null) {
            context.putString(FIRST, first);
            context.putString(LAST, last);
        }
    }

    static EvidenceOrder restore(ExecutionContext context) {
        EvidenceOrder order = new EvidenceOrder();
        order.inOrder = !context.containsKey(IN_ORDER) || Boolean.parseBoolean(context.getString(IN_ORDER));
        order.first = context.containsKey(FIRST) ? context.getString(FIRST) : null;
        order.last = context.containsKey(LAST) ? context.getString(LAST) : null;
        return order;
    }

    /**
     * True when the parts of these contexts (in range order) make one file in entry_id order: each part in order,
     * and each non-empty part starting after the last id of the one before. False when unknown (a context written
     * without these keys).
     */
    static boolean inOrder(List<ExecutionContext> parts) {
        String previousLast = null;
        for (ExecutionContext context : parts) {
            if (!context.containsKey(IN_ORDER)) {
                return false;
            }
            EvidenceOrder part = restore(context);
            if (!part.inOrder) {
                return false;
            }
            if (part.first == null) {
                continue; // no evidence in this range
            }
            if (previousLast != null && previousLast.compareTo(part.first) >= 0) {
                return false;
            }
            previousLast = part.last;
        }
        return true;
    }
}
