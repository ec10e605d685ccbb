package org.ccm.monthend.close;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The MariaDB close scenarios again (a database of their own: the inherited property source creates one per test
 * class) with the server assembling each patient's entries into one row ({@code ccm.close.grouped-entries=true},
 * issue 15's lever (a), off by default): the claims, exceptions and evidence expected are those of the per-entry
 * read, so the two paths must give the same files.
 */
class MonthCloseJobGroupedMysqlIntegrationTests extends MonthCloseJobMysqlIntegrationTests {

    @DynamicPropertySource
    static void grouped(DynamicPropertyRegistry registry) {
        registry.add("ccm.close.grouped-entries", () -> "true");
    }
}
