package org.ccm.monthend.close;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The close scenarios on the embedded default (H2). */
class MonthCloseJobIntegrationTests extends MonthCloseJobScenarios {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:close-job;DB_CLOSE_DELAY=-1");
        outputDir(registry);
    }
}
