package org.ccm.monthend.history;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.ccm.monthend.close.MonthCloseData;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/** Shared by the operations tests (history, scheduler, forecast): the close tests' October 2026 practice, and a clock tests move. */
public final class TestPractice {

    private TestPractice() {
    }

    /**
     * Loads the hand-made October 2026 practice of the close tests (org.ccm.monthend.close.MonthCloseData):
     * 8 patient-months (P001..P008), 4 billed (P001 99490, P002 99490+99439, P003 99487+99489, P004
     * 99490+99439x2; expected payment 565.14), 4 excepted, 13 time entries of October (3 not counted).
     */
    public static void loadOctober2026(JdbcTemplate jdbc) {
        MonthCloseData.load(jdbc);
    }

    /** A clock a test sets; starts at 2026-11-28T12:00Z (October 2026 has ended, November has not). */
    public static final class MutableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-11-28T12:00:00Z");
        private final ZoneId zone;

        public MutableClock(ZoneId zone) {
            this.zone = zone;
        }

        public void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            MutableClock clock = new MutableClock(other);
            clock.set(now);
            return clock;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The application's clock replaced by a {@link MutableClock} in UTC. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Clocks {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(ZoneOffset.UTC);
        }
    }
}
