package org.ccm.monthend.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.ccm.monthend.history.JobHistory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** How the operations pages write values ({@code ${@opsFormat.duration(run.duration)}}): ISO times, H:MM:SS, money with two decimals. */
@Component("opsFormat")
@ConditionalOnWebApplication
public class OpsFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    public String duration(Duration duration) {
        return duration == null ? "" : JobHistory.duration(duration);
    }

    public String time(LocalDateTime time) {
        return time == null ? "" : TIME.format(time);
    }

    public String time(java.time.Instant time) {
        return time == null ? "" : TIME.format(time.atOffset(java.time.ZoneOffset.UTC));
    }

    public String money(BigDecimal amount) {
        return amount == null ? "" : String.format(Locale.ROOT, "%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
    }

    /** Whether an OPERATOR is offered Restart for an execution of {@code job} left {@code status}. */
    public boolean restartable(String job, String status) {
        return org.ccm.monthend.close.ExecutionControl.restartable(job, status);
    }

    public boolean stoppable(String status) {
        return org.ccm.monthend.close.ExecutionControl.stoppable(status);
    }

    public String count(Long count) {
        return count == null ? "" : String.format(Locale.ROOT, "%,d", count);
    }
}
