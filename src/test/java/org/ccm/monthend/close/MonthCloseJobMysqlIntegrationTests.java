package org.ccm.monthend.close;

import org.ccm.monthend.mysql.MariaDbServer;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same close scenarios on a real MySQL-protocol server (MariaDB 11.4) with the mysql profile. */
@ActiveProfiles("mysql")
class MonthCloseJobMysqlIntegrationTests extends MonthCloseJobScenarios {

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDbServer.useNewDatabase(registry, "close_job");
        outputDir(registry);
    }
}
