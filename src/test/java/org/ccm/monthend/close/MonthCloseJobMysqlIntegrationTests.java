package org.ccm.monthend.close;

import java.util.List;

import org.ccm.monthend.mysql.MariaDbServer;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same close scenarios on a real MySQL-protocol server (MariaDB 11.4) with the mysql profile, in three patient
 * ranges decided side by side (P001..P003, P004..P006, P007..P009), each streaming its own cursors.
 */
@ActiveProfiles("mysql")
class MonthCloseJobMysqlIntegrationTests extends MonthCloseJobScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDbServer.useNewDatabase(registry, "close_job");
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
