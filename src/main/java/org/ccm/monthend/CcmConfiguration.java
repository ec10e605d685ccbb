package org.ccm.monthend;

import java.time.Clock;

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

    @Bean
    RuleSetCatalog ruleSetCatalog(CcmProperties properties) {
        return RuleSetCatalog.load(properties.rulesDir(), properties.chargemaster());
    }
}
