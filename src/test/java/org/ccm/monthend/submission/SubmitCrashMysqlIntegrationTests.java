package org.ccm.monthend.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ccm.monthend.ChildProcess;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.mysql.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code submit} as a child JVM on MariaDB, killed with SIGKILL while the interchange it has recorded is being
 * written, then run again: every ready claim ends up in exactly one published interchange, the killed run's
 * control number and creation time are kept (the same bytes), and no claim is SUBMITTED without its file in place.
 */
class SubmitCrashMysqlIntegrationTests extends MariaDbSubmitScenario {

    @Test
    void aSubmitKilledWhileWritingIsFinishedByTheNextWithEveryReadyClaimInExactlyOneInterchange() throws Exception {
        assertThat(run("demo-data", "--patients", "6000", "--month", "2026-10").exit()).isEqualTo(ExitCodes.OK);
        assertThat(run("close", "--month", "2026-10").exit()).isEqualTo(ExitCodes.OK);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource());
        Set<String> ready = new HashSet<>(jdbc.queryForList("""
                SELECT c.claim_id FROM claim c JOIN patient p ON p.patient_id = c.patient_id
                 WHERE p.address_line1 IS NOT NULL""", String.class));

        ChildProcess killed = ChildProcess.start(out, out, Map.of("SPRING_PROFILES_ACTIVE", "mysql", "CCM_DB_URL", url,
                "CCM_DB_USER", MariaDbServer.user(), "CCM_DB_PASSWORD", ""), List.of("submit"));
        awaitRecorded(jdbc, killed);
        killed.process().destroyForcibly(); // SIGKILL: no hook, no cleanup
        killed.process().waitFor(30, TimeUnit.SECONDS);
        Map<String, Object> recorded = jdbc.queryForMap("SELECT isa13, created_at, state FROM submission");
        assertThat(recorded.get("state")).as(killed.output()).isEqualTo("RECORDED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE status = 'SUBMITTED'", Long.class))
                .as("nothing SUBMITTED before its file is in place").isZero();
        assertThat(out.resolve("submissions").resolve("000000001")).as("nothing half-written in place").doesNotExist();

        // a claim the recorded interchange carries cannot be held back any more: the next submit publishes it
        String reserved = jdbc.queryForObject("SELECT MIN(claim_id) FROM submission_claim", String.class);
        Ran hold = run("hold", reserved, "--reason", "too late");
        assertThat(hold.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(hold.err()).contains("recorded and has not finished publishing");
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, reserved)).isEqualTo("DECIDED");

        Ran again = run("submit");
        assertThat(again.exit()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("Finished interchange 000000001");

        assertThat(jdbc.queryForList("SELECT state FROM submission", String.class)).containsOnly("PUBLISHED");
        assertThat(jdbc.queryForObject("SELECT created_at FROM submission WHERE isa13 = 1", Object.class))
                .as("the creation time of the killed run, so the same bytes").isEqualTo(recorded.get("created_at"));
        List<String> carried = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(out.resolve("submissions"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("[0-9]{9}")).toList()) {
                byte[] bytes = Files.readAllBytes(dir.resolve("claims.837"));
                assertThat(Interchange837Check.problems(bytes)).as(dir.toString()).isEmpty();
                Interchange837Check.segments(bytes).stream().filter(s -> s.get(0).equals("CLM")).forEach(s -> carried.add(s.get(1)));
            }
        }
        assertThat(carried).as("every ready claim, each once").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ready);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE status = 'SUBMITTED'", Long.class)).isEqualTo(ready.size());
        assertThat(out.resolve("submissions").resolve(".staging").resolve("000000001")).doesNotExist();
    }

    /** Until the child has recorded its interchange (and not yet published it). */
    private static void awaitRecorded(JdbcTemplate jdbc, ChildProcess child) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(child.process().isAlive()).as("submit ended before it could be killed: " + child.output()).isTrue();
            if (!jdbc.queryForList("SELECT isa13 FROM submission WHERE state = 'RECORDED'", Long.class).isEmpty()) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no interchange recorded: " + child.output());
    }
}
