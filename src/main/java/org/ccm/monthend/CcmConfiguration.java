package org.ccm.monthend;

import java.time.Clock;

import javax.sql.DataSource;

import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by every command. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CcmProperties.class)
class CcmConfiguration {

    /** "Today" for the month-has-ended check and import validation; tests replace it with a fixed clock. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    /** The SQL dialect, decided once from the connection metadata. */
    @Bean
    Dialect dialect(DataSource dataSource) {
        return Dialect.of(dataSource);
    }

    @Bean
    RuleSetCatalog ruleSetCatalog(CcmProperties properties) {
        return RuleSetCatalog.load(properties.rulesDir(), properties.chargemaster());
    }
}
