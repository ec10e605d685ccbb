package org.ccm.monthend.scheduler;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The scheduler_fire table: one row per occurrence of a schedule, inserted before the occurrence runs.
 * Its primary key (schedule_name, fire_time) lets exactly one of several instances on the same database
 * insert it; the others see a duplicate key and leave the occurrence alone. Times are stored as UTC
 * wall-clock values, so instances in different time zones agree on the key.
 */
@Component
class FireLedger {

    private final JdbcTemplate jdbc;

    FireLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True when this instance claimed the occurrence; false when another instance already has. */
    boolean claim(String schedule, Instant fireTime, YearMonth target, String instance, Instant now) {
        try {
            jdbc.update("""
                    INSERT INTO scheduler_fire (schedule_name, fire_time, target_month, instance_id, started_at)
                    VALUES (?, ?, ?, ?, ?)""", schedule, utc(fireTime), target.toString(), instance, utc(now));
            return true;
        }
        catch (DuplicateKeyException ex) {
            return false;
        }
    }

    void finish(String schedule, Instant fireTime, int exitCode, Instant now) {
        jdbc.update("UPDATE scheduler_fire SET finished_at = ?, exit_code = ? WHERE schedule_name = ? AND fire_time = ?",
                utc(now), exitCode, schedule, utc(fireTime));
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
