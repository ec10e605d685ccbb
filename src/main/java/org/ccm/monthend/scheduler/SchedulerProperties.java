package org.ccm.monthend.scheduler;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ccm.scheduler.*}: the schedules of the 'scheduler' mode. Cron expressions are Spring's six
 * fields (second minute hour day-of-month month day-of-week); "-" turns a schedule off. They are parsed
 * when the scheduler starts, not when any other command starts, so a bad schedule never stops a close.
 *
 * @param zone the time zone the schedules are read in; empty = the machine's zone
 * @param previewCron the preview of the current month (default nightly at 02:00)
 * @param closeCron the close of the previous month (default the 3rd at 03:00, leaving two days for late entries)
 * @param maxSleep the longest the loop sleeps before it looks at the clock again
 */
@ConfigurationProperties("ccm.scheduler")
public record SchedulerProperties(
        @DefaultValue("") String zone,
        @DefaultValue("0 0 2 * * *") String previewCron,
        @DefaultValue("0 0 3 3 * *") String closeCron,
        @DefaultValue("60s") Duration maxSleep) {

    /** The configured zone, or the machine's. */
    public ZoneId zoneId() {
        return zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.trim());
    }
}
