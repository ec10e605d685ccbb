package org.ccm.monthend.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class EvidenceOrderTests {

    @Test
    void partsInOrderOneAfterTheOtherNeedNoSort() {
        assertThat(EvidenceOrder.inOrder(List.of(part("E01", "E02"), part(), part("E03", "E09")))).isTrue();
    }

    @Test
    void aPartOutOfOrderNeedsTheSort() {
        assertThat(EvidenceOrder.inOrder(List.of(part("E01", "E03", "E02")))).isFalse();
    }

    @Test
    void partsThatOverlapNeedTheSort() {
        assertThat(EvidenceOrder.inOrder(List.of(part("E01", "E05"), part("E04", "E09")))).isFalse();
        assertThat(EvidenceOrder.inOrder(List.of(part("E01", "E05"), part("E05")))).as("a repeated id").isFalse();
    }

    @Test
    void aPartWrittenWithoutTheKeysIsNotTakenAsSorted() {
        assertThat(EvidenceOrder.inOrder(List.of(part("E01"), new ExecutionContext()))).isFalse();
    }

    @Test
    void theOrderSurvivesARestartFromTheContext() {
        ExecutionContext context = part("E01", "E02");
        EvidenceOrder resumed = EvidenceOrder.restore(context);
        resumed.add("E00");
        resumed.save(context);
        assertThat(EvidenceOrder.inOrder(List.of(context))).isFalse();
    }

    /** The context a range's writer leaves after writing evidence for these entry ids, in this order. */
    private static ExecutionContext part(String... entryIds) {
        EvidenceOrder order = new EvidenceOrder();
        for (String entryId : entryIds) {
            order.add(entryId);
        }
        ExecutionContext context = new ExecutionContext();
        order.save(context);
        return context;
    }
}
