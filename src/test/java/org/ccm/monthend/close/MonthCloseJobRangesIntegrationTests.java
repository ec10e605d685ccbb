package org.ccm.monthend.close;

import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The close scenarios on the embedded default, split into three patient ranges decided side by side
 * (P001..P003, P004..P006, P007..P009): the same files, counts and claims as one range.
 */
class MonthCloseJobRangesIntegrationTests extends MonthCloseJobScenarios {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:close-job-ranges;DB_CLOSE_DELAY=-1");
        registry.add("ccm.close.ranges", () -> "3");
        registry.add("ccm.close.range-min-patients", () -> "1");
        outputDir(registry);
    }

    /** P001..P003, P004..P006, P007..P008 (P009 is not part of October). */
    @Override
    protected List<Integer> patientMonthsPerRange() {
        return List.of(3, 3, 2);
    }
}
