package org.ccm.monthend.scheduler;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.ccm.monthend.close.CloseOutcome;
import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.StopSignals;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.preview.PreviewLauncher;
import org.ccm.monthend.preview.PreviewOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Fires the configured schedules: the preview of the current month and the close of the previous one.
 * {@link #tick(Instant)} does one round (tests drive it with any instant); {@link #run()}
 * loops over it with the application clock until {@link #stop()} (SIGTERM).
 *
 * <p>Several instances may run against one database: each occurrence is claimed in scheduler_fire before
 * it runs, and only the instance whose insert succeeds runs it. The close is guarded once more by its
 * month lock and by one job instance per month; a month already closed (exit 3) is normal, not an error.
 *
 * <p>Occurrences are those after the previous tick up to this one; occurrences missed while the loop was
 * busy (a long close) are run once, late, not once each. Occurrences while no instance ran are not made up:
 * like cron, the scheduler does not catch up (run {@code jobs/close.sh} by hand).
 */
@Component
public class MonthEndScheduler {

    public static final String PREVIEW = "preview";
    public static final String CLOSE = "close";
    private static final String DISABLED = "-";
    private static final Duration SHUTDOWN_WAIT = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(MonthEndScheduler.class);

    /** What a tick did with one due occurrence. */
    public enum Outcome {
        /** This instance ran it; {@code exitCode} is the command's. */
        RAN,
        /** Another instance had claimed it. */
        CLAIMED_ELSEWHERE
    }

    public record Fired(String schedule, Instant fireTime, YearMonth month, Outcome outcome, Integer exitCode) {
    }

    private record Schedule(String name, String expression, CronExpression cron, Function<ZonedDateTime, YearMonth> target) {
    }

    private final SchedulerProperties properties;
    private final Clock clock;
    private final FireLedger ledger;
    private final MonthCloseLauncher closeLauncher;
    private final PreviewLauncher previewLauncher;
    private final String instanceId;

    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private volatile boolean stopping;
    private List<Schedule> schedules;
    private ZoneId zone;
    private Instant since;

    MonthEndScheduler(SchedulerProperties properties, Clock clock, FireLedger ledger, MonthCloseLauncher closeLauncher,
            PreviewLauncher previewLauncher) {
        this.properties = properties;
        this.clock = clock;
        this.ledger = ledger;
        this.closeLauncher = closeLauncher;
        this.previewLauncher = previewLauncher;
        // "pid@host": enough for an operator to find the instance that fired an occurrence
        this.instanceId = ManagementFactory.getRuntimeMXBean().getName();
    }

    /** Reads the schedules and starts counting occurrences after {@code from}. A bad setting is a usage error (exit 2). */
    public synchronized void startFrom(Instant from) {
        try {
            zone = properties.zoneId();
        }
        catch (RuntimeException ex) {
            throw new UsageException("ccm.scheduler.zone '" + properties.zone() + "' is not a time zone (e.g. America/New_York): "
                    + ex.getMessage());
        }
        List<Schedule> parsed = new ArrayList<>(2);
        parsed.add(schedule(PREVIEW, "ccm.scheduler.preview-cron", properties.previewCron(), YearMonth::from));
        parsed.add(schedule(CLOSE, "ccm.scheduler.close-cron", properties.closeCron(), at -> YearMonth.from(at).minusMonths(1)));
        schedules = parsed;
        since = from;
    }

    private static Schedule schedule(String name, String property, String expression, Function<ZonedDateTime, YearMonth> target) {
        String trimmed = expression == null ? DISABLED : expression.trim();
        if (trimmed.isEmpty() || DISABLED.equals(trimmed)) {
            return new Schedule(name, DISABLED, null, target);
        }
        try {
            return new Schedule(name, trimmed, CronExpression.parse(trimmed), target);
        }
        catch (IllegalArgumentException ex) {
            throw new UsageException(property + " '" + trimmed + "' is not a cron expression (second minute hour day month weekday, "
                    + "e.g. \"0 0 3 3 * *\"; \"-\" turns it off): " + ex.getMessage());
        }
    }

    /** Runs every occurrence due after the previous tick and up to {@code now}, each once across all instances. */
    public synchronized List<Fired> tick(Instant now) {
        if (schedules == null) {
            throw new IllegalStateException("startFrom(instant) first");
        }
        List<Fired> fired = new ArrayList<>();
        Instant from = since;
        since = now;
        for (Schedule schedule : schedules) {
            if (stopping) {
                break;
            }
            Instant due = latestOccurrence(schedule, from, now);
            if (due != null) {
                fired.add(fire(schedule, due));
            }
        }
        return fired;
    }

    /** The latest occurrence in (from, now], or null; earlier ones in the same window are skipped (logged). */
    private Instant latestOccurrence(Schedule schedule, Instant from, Instant now) {
        if (schedule.cron() == null) {
            return null;
        }
        ZonedDateTime latest = null;
        int skipped = -1;
        for (ZonedDateTime next = schedule.cron().next(from.atZone(zone)); next != null && !next.toInstant().isAfter(now);
                next = schedule.cron().next(next)) {
            latest = next;
            skipped++;
        }
        if (skipped > 0) {
            log.warn("Scheduler: {} occurrence(s) of '{}' passed while busy; running only the latest, {}", skipped, schedule.name(), latest);
        }
        return latest == null ? null : latest.toInstant();
    }

    private int preview(YearMonth month, Instant due, ZonedDateTime at) throws Exception {
        PreviewOutcome outcome = previewLauncher.preview(month, due, at.toLocalDate());
        if (outcome instanceof PreviewOutcome.Failed failed) {
            log.warn("Scheduler: preview of {} ended {}{}", month, failed.status(), failed.cause() == null ? "" : " (" + failed.cause() + ")");
        }
        return outcome.exitCode();
    }

    private Fired fire(Schedule schedule, Instant due) {
        ZonedDateTime at = due.atZone(zone);
        YearMonth month = schedule.target().apply(at);
        if (!ledger.claim(schedule.name(), due, month, instanceId, clock.instant())) {
            log.info("Scheduler: {} of {} due {} was fired by another instance; nothing to do here", schedule.name(), month, at);
            return new Fired(schedule.name(), due, month, Outcome.CLAIMED_ELSEWHERE, null);
        }
        log.info("Scheduler: {} of {} due {} starts (instance {})", schedule.name(), month, at, instanceId);
        int exit;
        try {
            exit = CLOSE.equals(schedule.name())
                    ? close(month)
                    : preview(month, due, at);
        }
        catch (UsageException ex) {
            log.error("Scheduler: {} of {} refused: {}", schedule.name(), month, ex.getMessage());
            exit = ExitCodes.USAGE;
        }
        catch (Exception ex) {
            log.error("Scheduler: {} of {} failed", schedule.name(), month, ex);
            exit = ExitCodes.FAILED;
        }
        ledger.finish(schedule.name(), due, exit, clock.instant());
        report(schedule.name(), month, exit);
        return new Fired(schedule.name(), due, month, Outcome.RAN, exit);
    }

    /** The close of {@code month}, revision 1, its progress and a failure's cause (said without patient data) in the log. */
    private int close(YearMonth month) throws Exception {
        CloseOutcome outcome = closeLauncher.close(month, 1, new CloseProgress() {
            @Override
            public void starting(YearMonth closing, int revision) {
                log.info("Scheduler: closing {} (revision {})", closing, revision);
            }

            @Override
            public void resuming(long executionId, String status) {
                log.info("Scheduler: resuming close execution {} ({}) where it stopped", executionId, status);
            }

            @Override
            public void retrying(long executionId, String cause, int attempt, int retries) {
                log.warn("Scheduler: close execution {} failed on a transient database error ({}); retry {} of {}", executionId, cause,
                        attempt, retries);
            }
        });
        if (outcome instanceof CloseOutcome.Closed closed) {
            log.info("Scheduler: close execution {} published {}", closed.executionId(), closed.path());
        }
        else if (outcome instanceof CloseOutcome.Failed failed) {
            log.error("Scheduler: close execution {} of {} ended {} ({})", failed.executionId(), month, failed.status(), failed.cause());
        }
        else if (outcome instanceof CloseOutcome.Abandoned abandoned) {
            log.error("Scheduler: close of {} revision 1 was abandoned (execution {}); close revision {} by hand", month,
                    abandoned.executionId(), abandoned.nextRevision());
        }
        return outcome.exitCode();
    }

    private static void report(String schedule, YearMonth month, int exit) {
        switch (exit) {
            case ExitCodes.OK -> log.info("Scheduler: {} of {} done", schedule, month);
            case ExitCodes.ALREADY_CLOSED -> log.info("Scheduler: {} was already closed; nothing to do", month);
            case ExitCodes.IN_PROGRESS -> log.warn("Scheduler: another {} of {} is running elsewhere; left to it", schedule, month);
            case ExitCodes.FAILED -> log.error("Scheduler: {} of {} failed; it is restartable: run 'close --month {}' (or jobs/close.sh {})",
                    schedule, month, month, month);
            default -> log.error("Scheduler: {} of {} ended with exit code {}", schedule, month, exit);
        }
    }

    /** The next occurrence of each schedule after {@code from}, for the start message and {@code --dry-run}. */
    public synchronized List<String> upcoming(Instant from, int count) {
        List<String> lines = new ArrayList<>();
        for (Schedule schedule : schedules) {
            if (schedule.cron() == null) {
                lines.add(String.format(Locale.ROOT, "%-7s off", schedule.name()));
                continue;
            }
            ZonedDateTime next = from.atZone(zone);
            for (int i = 0; i < count && (next = schedule.cron().next(next)) != null; i++) {
                lines.add(String.format(Locale.ROOT, "%-7s %-15s %s -> %s of %s", schedule.name(), "\"" + schedule.expression() + "\"",
                        next, schedule.name(), schedule.target().apply(next)));
            }
        }
        return lines;
    }

    /** This instance's id in the fire ledger (host and process). */
    public String instanceId() {
        return instanceId;
    }

    /** The zone the schedules are read in. */
    public synchronized ZoneId zone() {
        return zone;
    }

    /**
     * Loops until {@link #stop()}: tick, then sleep until the next occurrence (at most ccm.scheduler.max-sleep).
     * Call {@link #startFrom(Instant)} first (the command says what is next before it hands over).
     */
    public int run() throws InterruptedException {
        Thread hook = new Thread(this::stopAndWait, "scheduler-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // SIGTERM while a close runs does not shut the JVM down (core/StopSignals): stop firing, let the close stop
        try (StopSignals.Registration signals = StopSignals.onStop(this::stop)) {
            while (!stopping) {
                tick(clock.instant());
                if (stopping) {
                    break;
                }
                stopSignal.await(sleepMillis(clock.instant()), TimeUnit.MILLISECONDS);
            }
            log.info("Scheduler: stopped firing");
            return ExitCodes.OK;
        }
        finally {
            loopEnded.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (IllegalStateException shuttingDown) {
                // the hook is running: it is waiting for this loop, which has now ended
            }
        }
    }

    /** Stops firing; a run in progress is not interrupted (a close's own shutdown hook stops it restartably). */
    public void stop() {
        stopping = true;
        stopSignal.countDown();
    }

    /** SIGTERM: stop firing, then give a running preview or close time to end before the JVM goes. */
    private void stopAndWait() {
        log.info("Scheduler: shutdown requested; no new occurrence will fire");
        stop();
        try {
            loopEnded.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized long sleepMillis(Instant now) {
        long millis = properties.maxSleep().toMillis();
        for (Schedule schedule : schedules) {
            if (schedule.cron() != null) {
                ZonedDateTime next = schedule.cron().next(now.atZone(zone));
                if (next != null) {
                    millis = Math.min(millis, Duration.between(now, next.toInstant()).toMillis());
                }
            }
        }
        // wake just after the occurrence, never spin
        return Math.max(50, millis + 5);
    }
}
