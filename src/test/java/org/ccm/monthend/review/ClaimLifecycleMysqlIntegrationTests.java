package org.ccm.monthend.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.MonthCloseData;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.mysql.MariaDbServer;
import org.ccm.monthend.review.StatusChange.Changed;
import org.ccm.monthend.review.StatusChange.Refusal;
import org.ccm.monthend.review.StatusChange.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The claim lifecycle on a real MySQL-protocol server (MariaDB): the close's literal-row inserts write every claim
 * DECIDED with one event (chunks of 3, ranges side by side), and holds and releases race without losing an event.
 */
@SpringBootTest(properties = {"ccm.close.chunk-size=3", "ccm.close.ranges=3", "ccm.close.range-min-patients=1"})
@ActiveProfiles("mysql")
@Import(FixedClock.class)
@DirtiesContext
class ClaimLifecycleMysqlIntegrationTests {

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        MariaDbServer.useNewDatabase(registry, "claim_lifecycle");
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MonthCloseLauncher launcher;

    @Autowired
    ClaimReview review;

    @Test
    void closeDecidesEveryClaimWithOneEventAndConcurrentHoldsRecordOneChangeEach() throws Exception {
        MonthCloseData.load(jdbc);
        assertThat(launcher.close(YearMonth.of(2026, 10), 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);
        long execution = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);

        List<String> csvClaims = Files.readAllLines(out.resolve("2026-10/claims.csv")).stream().skip(1)
                .map(line -> line.substring(0, line.indexOf(','))).distinct().sorted().toList();
        assertThat(csvClaims).hasSize(4);
        assertThat(jdbc.queryForList("SELECT claim_id FROM claim WHERE status = 'DECIDED' ORDER BY claim_id", String.class))
                .containsExactlyElementsOf(csvClaims);
        assertThat(jdbc.queryForList("SELECT claim_id FROM claim_event WHERE from_status IS NULL AND to_status = 'DECIDED'"
                + " AND actor = 'close' AND reason = ? AND at = '2026-11-28 12:00:00' ORDER BY claim_id", String.class,
                "decided by close execution " + execution)).containsExactlyElementsOf(csvClaims);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_event", Long.class)).isEqualTo(csvClaims.size());

        // the service's view of the month: the claims table's values, control numbers, DECIDED
        List<ReviewedClaim> claims = review.claims(YearMonth.of(2026, 10), null);
        assertThat(claims).extracting(ReviewedClaim::claimId).containsExactlyElementsOf(csvClaims);
        assertThat(claims).allSatisfy(claim -> {
            assertThat(claim.status()).isEqualTo(ClaimStatus.DECIDED);
            assertThat(claim.controlNumber()).isEqualTo(ClaimControlNumber.of(claim.claimId()));
            assertThat(claim.lines()).isNotEmpty();
            assertThat(claim.lines().stream().map(ReviewedClaim.Line::chargeAmount).reduce(java.math.BigDecimal.ZERO,
                    java.math.BigDecimal::add)).isEqualByComparingTo(claim.totalCharge());
        });

        // eight holds of one claim at once: one is on the record, seven are refused as already held
        String claimId = csvClaims.get(0);
        List<StatusChange> holds = race(8, i -> review.hold(claimId, "hold " + i, "biller-" + i));
        assertThat(holds).filteredOn(Changed.class::isInstance).hasSize(1);
        assertThat(holds).filteredOn(Refused.class::isInstance)
                .allSatisfy(refused -> assertThat(((Refused) refused).refusal()).isEqualTo(Refusal.ALREADY_HELD)).hasSize(7);
        ClaimEvent held = ((Changed) holds.stream().filter(Changed.class::isInstance).findFirst().orElseThrow()).event();
        assertThat(review.events(claimId)).extracting(ClaimEvent::to).containsExactly(ClaimStatus.DECIDED, ClaimStatus.HELD);
        assertThat(review.events(claimId).get(1)).isEqualTo(held);
        assertThat(held.at()).isEqualTo(FixedClock.NOW);

        // holds and releases of one claim racing: every change that happened has its event, in the order they happened
        List<StatusChange> mixed = race(10, i -> i % 2 == 0 ? review.release(claimId, "biller-" + i) : review.hold(claimId, "again", "b-" + i));
        long changed = mixed.stream().filter(Changed.class::isInstance).count();
        List<ClaimEvent> events = review.events(claimId);
        assertThat(events).hasSize(2 + (int) changed);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).from()).as("event %d starts where the one before ended", i).isEqualTo(events.get(i - 1).to());
        }
        assertThat(review.status(claimId)).contains(events.get(events.size() - 1).to());

        // a submitted claim is not held
        String submitted = csvClaims.get(1);
        jdbc.update("UPDATE claim SET status = 'SUBMITTED' WHERE claim_id = ?", submitted);
        assertThat(review.hold(submitted, "too late", "biller")).isEqualTo(new Refused(Refusal.SUBMITTED, ClaimStatus.SUBMITTED));
        assertThat(review.events(submitted)).hasSize(1);
    }

    private static List<StatusChange> race(int threads, java.util.function.IntFunction<StatusChange> change) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<StatusChange>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<StatusChange> task = () -> {
                    start.await();
                    return change.apply(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<StatusChange> results = new ArrayList<>();
            for (Future<StatusChange> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
