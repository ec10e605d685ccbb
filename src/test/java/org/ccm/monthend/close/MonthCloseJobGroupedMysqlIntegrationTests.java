package org.ccm.monthend.close;

import java.util.List;

import org.ccm.monthend.mysql.MariaDbServer;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same close scenarios on MariaDB with the server assembling each patient's entries into one row
 * ({@code ccm.close.grouped-entries=true}, issue 15's lever (a), off by default): the claims, exceptions and evidence
 * expected are those of the per-entry read, so the two paths must give the same files.
 */
@ActiveProfiles("mysql")
class MonthCloseJobGroupedMysqlIntegrationTests extends MonthCloseJobScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDbServer.useNewDatabase(registry, "close_job_grouped");
        registry.add("ccm.close.ranges", () -> "3");
        registry.add("ccm.close.range-min-patients", () -> "1");
        registry.add("ccm.close.grouped-entries", () -> "true");
        outputDir(registry);
    }

    /** P001..P003, P004..P006, P007..P008 (P009 is not part of October). */
    @Override
    protected List<Integer> patientMonthsPerRange() {
        return List.of(3, 3, 2);
    }
}
