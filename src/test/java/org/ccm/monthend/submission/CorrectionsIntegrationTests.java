package org.ccm.monthend.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ccm.monthend.cli.CommandRun;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * resubmit and void (issue 13): after the payer answered, a replacement and a void go out in the next submit, in an
 * interchange that passes the four layers, with CLM05-3 = 7 or 8 and REF*F8 = the payer's claim number (CLP07).
 */
class CorrectionsIntegrationTests {

    private static final String URL = "jdbc:h2:mem:corrections;DB_CLOSE_DELAY=-1";

    @TempDir
    Path out;

    private CommandRun run(String... args) {
        return CommandRun.of(List.of("--spring.datasource.url=" + URL, "--ccm.output-dir=" + out), args);
    }

    @Test
    void aReplacementAndAVoidGoOutInTheNextInterchangeWithTheirFrequencyAndThePayersClaimNumber() throws Exception {
        assertThat(run("demo-data", "--patients", "300", "--month", "2026-10").exit()).isZero();
        assertThat(run("close", "--month", "2026-10").exit()).isZero();
        assertThat(run("submit").exit()).isZero();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, "sa", ""));
        String sent = jdbc.queryForObject("SELECT MIN(claim_id) FROM claim WHERE status = 'SUBMITTED'", String.class);
        CommandRun early = run("resubmit", sent);
        assertThat(early.exit()).as("nothing to correct before the payer answered").isEqualTo(ExitCodes.USAGE);
        assertThat(early.err()).contains("has not answered").doesNotContain(sent);

        Path answer = out.resolve("answer.835");
        assertThat(run("demo-remit", "--submission", "1", "--out", answer.toString()).exit()).isZero();
        assertThat(run("remit", "--from", answer.toString()).exit()).isZero();
        String replaced = jdbc.queryForObject("SELECT MIN(claim_id) FROM claim WHERE status = 'PAID'", String.class);
        String voided = jdbc.queryForObject("SELECT MAX(claim_id) FROM claim WHERE status = 'PAID'", String.class);
        // the payer's claim numbers, read from the 835 itself
        List<List<String>> answered = Interchange837Check.segments(Files.readAllBytes(answer));
        String replacedF8 = clp07(answered, replaced);
        String voidedF8 = clp07(answered, voided);
        // a corrected address: the replacement carries the patient's data as it is now
        jdbc.update("UPDATE patient SET address_line1 = '42 CORRECTED STREET' WHERE patient_id = (SELECT patient_id FROM claim WHERE claim_id = ?)",
                replaced);

        assertThat(run("resubmit", replaced, "--reason", "corrected address", "--by", "biller-ann").exit()).isZero();
        assertThat(run("void", voided, "--by", "biller-ann").exit()).isZero();
        CommandRun twice = run("void", voided);
        assertThat(twice.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).contains("already waiting");
        assertThat(jdbc.queryForList("SELECT action FROM audit_event WHERE target_type = 'claim' AND actor = 'biller-ann' ORDER BY audit_id",
                String.class)).containsExactly("CLAIM_RESUBMITTED", "CLAIM_VOIDED");

        CommandRun submitted = run("submit");
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        byte[] bytes = Files.readAllBytes(out.resolve("submissions").resolve("000000002").resolve("claims.837"));
        assertThat(Interchange837Check.problems(bytes)).isEmpty();
        List<List<String>> segments = Interchange837Check.segments(bytes);
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            List<String> s = segments.get(i);
            if (s.get(0).equals("CLM")) {
                claims.add(s.get(1) + " " + s.get(5).split(":")[2] + " " + String.join("*", segments.get(i + 1)));
            }
        }
        assertThat(claims).containsExactlyInAnyOrder(replaced + " 7 REF*F8*" + replacedF8, voided + " 8 REF*F8*" + voidedF8);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)).contains("N3*42 CORRECTED STREET");
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, replaced)).isEqualTo("REPLACED");
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, voided)).isEqualTo("VOIDED");
        assertThat(jdbc.queryForObject("SELECT submission_id FROM claim_event WHERE claim_id = ? AND to_status = 'VOIDED'", String.class,
                voided)).isEqualTo("000000002");
        assertThat(run("submit").out()).contains("Nothing ready to submit");
    }

    private static String clp07(List<List<String>> segments, String claimId) {
        return segments.stream().filter(s -> s.get(0).equals("CLP") && s.get(1).equals(claimId)).findFirst().orElseThrow().get(7);
    }
}
