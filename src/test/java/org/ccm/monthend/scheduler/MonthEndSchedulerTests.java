package org.ccm.monthend.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.scheduler.MonthEndScheduler.Fired;
import org.ccm.monthend.scheduler.MonthEndScheduler.Outcome;
import org.junit.jupiter.api.Test;

/** The schedule arithmetic, without a database: a ledger that says every occurrence was claimed elsewhere runs nothing. */
class MonthEndSchedulerTests {

    private final List<String> claims = new ArrayList<>();

    private final FireLedger claimedElsewhere = new FireLedger(null) {
        @Override
        boolean claim(String schedule, Instant fireTime, YearMonth target, String instance, Instant now) {
            claims.add(schedule + "@" + fireTime + "->" + target);
            return false;
        }
    };

    @Test
    void occurrencesMissedWhileBusyFireOnceTheLatest() {
        MonthEndScheduler scheduler = scheduler("UTC", "0 * * * * *", "-");
        scheduler.startFrom(Instant.parse("2026-10-10T10:00:30Z"));
        // 10:01, 10:02, 10:03 passed since the last tick: only 10:03 is fired
        assertThat(scheduler.tick(Instant.parse("2026-10-10T10:03:10Z"))).containsExactly(
                new Fired("preview", Instant.parse("2026-10-10T10:03:00Z"), YearMonth.of(2026, 10), Outcome.CLAIMED_ELSEWHERE, null));
        assertThat(scheduler.tick(Instant.parse("2026-10-10T10:03:50Z"))).isEmpty();
        assertThat(claims).containsExactly("preview@2026-10-10T10:03:00Z->2026-10");
    }

    @Test
    void theCloseTargetsTheMonthBeforeTheOccurrenceInTheScheduleZone() {
        // 2026-01-03 03:00 in Tokyo is 2026-01-02T18:00Z: the month before is December 2025
        MonthEndScheduler scheduler = scheduler("Asia/Tokyo", "-", "0 0 3 3 * *");
        scheduler.startFrom(Instant.parse("2026-01-02T17:00:00Z"));
        assertThat(scheduler.tick(Instant.parse("2026-01-02T17:59:59Z"))).isEmpty();
        assertThat(scheduler.tick(Instant.parse("2026-01-02T18:00:00Z"))).extracting(Fired::schedule, Fired::month)
                .containsExactly(tuple("close", YearMonth.of(2025, 12)));
    }

    @Test
    void aDashTurnsAScheduleOff() {
        MonthEndScheduler scheduler = scheduler("UTC", "-", "-");
        scheduler.startFrom(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(scheduler.tick(Instant.parse("2026-12-31T00:00:00Z"))).isEmpty();
        assertThat(scheduler.upcoming(Instant.parse("2026-11-01T00:00:00Z"), 2)).containsExactly("preview off", "close   off");
        assertThat(claims).isEmpty();
    }

    @Test
    void upcomingListsTheNextOccurrencesWithTheirMonth() {
        MonthEndScheduler scheduler = scheduler("UTC", "0 0 2 * * *", "0 0 3 3 * *");
        scheduler.startFrom(Instant.parse("2026-11-03T02:30:00Z"));
        assertThat(scheduler.upcoming(Instant.parse("2026-11-03T02:30:00Z"), 1)).containsExactly(
                "preview \"0 0 2 * * *\"   2026-11-04T02:00Z[UTC] -> preview of 2026-11",
                "close   \"0 0 3 3 * *\"   2026-11-03T03:00Z[UTC] -> close of 2026-10");
    }

    @Test
    void aBadScheduleOrZoneIsAUsageError() {
        assertThatThrownBy(() -> scheduler("UTC", "every night", "-").startFrom(Instant.EPOCH))
                .isInstanceOf(UsageException.class).hasMessageContaining("ccm.scheduler.preview-cron 'every night'");
        assertThatThrownBy(() -> scheduler("Mars/Olympus", "-", "-").startFrom(Instant.EPOCH))
                .isInstanceOf(UsageException.class).hasMessageContaining("ccm.scheduler.zone 'Mars/Olympus'");
    }

    @Test
    void tickBeforeStartIsAProgrammingError() {
        assertThatThrownBy(() -> scheduler("UTC", "-", "-").tick(Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
    }

    private MonthEndScheduler scheduler(String zone, String previewCron, String closeCron) {
        return new MonthEndScheduler(new SchedulerProperties(zone, previewCron, closeCron, Duration.ofSeconds(60)),
                Clock.fixed(Instant.parse("2026-11-03T00:00:00Z"), ZoneOffset.UTC), claimedElsewhere, null, null);
    }
}
