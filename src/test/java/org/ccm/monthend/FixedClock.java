package org.ccm.monthend;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Today is 2026-11-28 for the tests that import it: October 2026 has ended, November has not. */
@TestConfiguration(proxyBeanMethods = false)
public class FixedClock {

    public static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Bean
    @Primary
    Clock testClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
