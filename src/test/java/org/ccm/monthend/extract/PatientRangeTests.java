package org.ccm.monthend.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class PatientRangeTests {

    @Test
    void thePlanInTheJobContextGivesBackTheSameRangesInKeyOrder() {
        List<PatientRange> ranges = List.of(new PatientRange(0, "", "P0333"), new PatientRange(1, "P0333", "P0666"),
                new PatientRange(2, "P0666", null));
        ExecutionContext job = new ExecutionContext();

        PatientRange.putPlan(job, ranges);

        assertThat(PatientRange.plan(job)).isEqualTo(ranges);
    }

    @Test
    void aJobContextWithoutAPlanIsOneRangeOfEveryPatient() {
        assertThat(PatientRange.plan(new ExecutionContext())).containsExactly(PatientRange.ALL);
    }

    @Test
    void aPartitionContextCarriesItsRange() {
        ExecutionContext step = new ExecutionContext();
        new PatientRange(1, "P0333", "P0666").putInto(step);

        assertThat(PatientRange.from(step)).isEqualTo(new PatientRange(1, "P0333", "P0666"));
        assertThat(PatientRange.from(new ExecutionContext())).isEqualTo(PatientRange.ALL);
    }
}
