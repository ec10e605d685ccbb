package org.ccm.monthend.remittance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.cli.CommandRun;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.review.ClaimControlNumber;
import org.ccm.monthend.submission.Interchange837Check;

/**
 * A void the payer accepted frees the patient-month (issue 13, claim-lifecycle.md): close, submit, the payer's answer,
 * three voids, submit, an 835 that reverses one (accepted), denies one and leaves one unanswered, then
 * {@code close --revision 2} bills the freed patient-month again under a new claim id, once (the other two stay
 * ALREADY_BILLED), and {@code --revision 3} does not bill it a third time. Every 835 passes {@link Interchange835Check}, every 837 the four layers of
 * {@link Interchange837Check}. The expected claims are worked out from the voids asked for, not read from the output.
 */
abstract class VoidScenario extends RemitScenario {

    /** What the round trip left, for the subclasses' own checks. */
    record Voided(String accepted, String unanswered, String denied, String rebilled) {
    }

    Voided acceptedVoidFreesThePatientMonthOnce() throws Exception {
        closeAndSubmit();
        Path answer = out().resolve("era").resolve("answer.835");
        CommandRun wrote = run("demo-remit", "--submission", "1", "--seed", "3", "--out", answer.toString());
        assertThat(wrote.exit()).as(wrote.err()).isEqualTo(ExitCodes.OK);
        assertThat(Interchange835Check.problems(Files.readAllBytes(answer))).isEmpty();
        CommandRun posted = run("remit", "--from", answer.toString());
        assertThat(posted.exit()).as(posted.err()).isEqualTo(ExitCodes.OK);

        List<String> paid = jdbc().queryForList("SELECT claim_id FROM claim WHERE status = 'PAID' ORDER BY claim_id", String.class);
        assertThat(paid).hasSizeGreaterThan(3);
        String accepted = paid.get(0);
        String unanswered = paid.get(1);
        String denied = paid.get(2);
        String untouched = paid.get(3);
        for (String claim : List.of(accepted, unanswered, denied)) {
            CommandRun voided = run("void", claim, "--reason", "service not rendered", "--by", "biller-ann");
            assertThat(voided.exit()).as(voided.err()).isEqualTo(ExitCodes.OK);
        }
        CommandRun submitted = run("submit");
        assertThat(submitted.exit()).as(submitted.err()).isEqualTo(ExitCodes.OK);
        byte[] voids = Files.readAllBytes(interchange(2));
        assertThat(Interchange837Check.problems(voids)).isEmpty();
        assertThat(claims(voids)).containsOnlyKeys(accepted, unanswered, denied).allSatisfy((id, frequency) -> assertThat(frequency)
                .isEqualTo("8"));
        assertThat(statuses(accepted, unanswered, denied)).containsOnly("VOIDED");

        // the payer's answer: the accepted void reverses the original payment (CLP02 22, negated amounts and adjustments),
        // the denied one is CLP02 4; the third void is not answered
        byte[] reversal = Sample835.file("VOID1", List.of(reversalOf(accepted), deniedVoid(denied)), null);
        assertThat(Interchange835Check.problems(reversal)).isEmpty();
        Path reversalFile = Files.write(out().resolve("era").resolve("voids.835"), reversal);
        CommandRun remitted = run("remit", "--from", reversalFile.toString());
        assertThat(remitted.exit()).as(remitted.err()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc().queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, accepted)).isEqualTo("REVERSED");
        assertThat(jdbc().queryForObject("SELECT paid_amount FROM claim WHERE claim_id = ?", BigDecimal.class, accepted)).isZero();
        assertThat(jdbc().queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, denied)).isEqualTo("DENIED");
        assertThat(jdbc().queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, unanswered)).isEqualTo("VOIDED");
        Long reversalId = jdbc().queryForObject("SELECT remittance_id FROM remittance WHERE trace_number = 'VOID1'", Long.class);
        assertThat(jdbc().queryForList("SELECT claim_id FROM claim WHERE void_accepted_remittance_id = ?", String.class, reversalId))
                .containsExactly(accepted);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM claim WHERE void_accepted_remittance_id IS NOT NULL", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc().queryForList("SELECT to_status FROM claim_event WHERE claim_id = ? ORDER BY event_id", String.class, accepted))
                .containsExactly("DECIDED", "SUBMITTED", "PAID", "VOIDED", "REVERSED");
        // a claim whose void was accepted is cancelled at the payer: nothing more to correct
        CommandRun again = run("resubmit", accepted);
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("accepted this claim's void").doesNotContain(accepted);

        // revision 2 bills the freed patient-month again, with a new id, and nothing else
        CommandRun second = run("close", "--month", "2026-10", "--revision", "2");
        assertThat(second.exit()).as(second.err()).isEqualTo(ExitCodes.OK);
        String rebilled = accepted + "-R2";
        Path revision2 = out().resolve("2026-10").resolve("revision-2");
        List<CSVRecord> lines = csv(revision2.resolve("claims.csv"));
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.get("claim_id")).isEqualTo(rebilled);
            assertThat(line.get("patient_id")).isEqualTo(patient(accepted));
        });
        assertThat(lines).hasSameSizeAs(jdbc().queryForList("SELECT line FROM claim_line WHERE claim_id = ?", Integer.class, accepted));
        assertThat(alreadyBilled(revision2)).contains(patient(unanswered), patient(denied), patient(untouched))
                .doesNotContain(patient(accepted));
        assertThat(jdbc().queryForList("SELECT claim_id, revision, voided_before, status FROM claim WHERE patient_id = ?"
                + " AND service_month = '2026-10' ORDER BY revision", patient(accepted)).stream().map(Map::values).map(Object::toString)
                .toList()).containsExactly("[" + accepted + ", 1, 0, REVERSED]", "[" + rebilled + ", 2, 1, DECIDED]");
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM claim WHERE revision = 2", Integer.class)).isEqualTo(1);
        CommandRun verified = run("verify", "--month", "2026-10");
        assertThat(verified.exit()).as(verified.out() + verified.err()).isEqualTo(ExitCodes.OK);

        // the new claim goes out as an original under its own control number, and passes the four layers
        CommandRun third = run("submit");
        assertThat(third.exit()).as(third.err()).isEqualTo(ExitCodes.OK);
        byte[] rebill = Files.readAllBytes(interchange(3));
        assertThat(Interchange837Check.problems(rebill)).isEmpty();
        assertThat(claims(rebill)).isEqualTo(Map.of(ClaimControlNumber.of(rebilled), "1"));
        assertThat(ClaimControlNumber.of(rebilled)).as("22 characters: hashed to fit CLM01").hasSize(20).isNotEqualTo(accepted);

        // revision 3: the patient-month is billed (by revision 2), so not a third time
        CommandRun fourth = run("close", "--month", "2026-10", "--revision", "3");
        assertThat(fourth.exit()).as(fourth.err()).isEqualTo(ExitCodes.OK);
        Path revision3 = out().resolve("2026-10").resolve("revision-3");
        assertThat(csv(revision3.resolve("claims.csv"))).isEmpty();
        assertThat(csv(revision3.resolve("exceptions.csv"))).filteredOn(r -> r.get("patient_id").equals(patient(accepted)))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("reason_code")).isEqualTo("ALREADY_BILLED");
                    assertThat(r.get("detail")).contains("claim " + rebilled + " exported by another revision");
                });
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM claim WHERE patient_id = ? AND service_month = '2026-10'"
                + " AND void_accepted_remittance_id IS NULL", Integer.class, patient(accepted))).isEqualTo(1);
        assertAddsUp(receivables());
        return new Voided(accepted, unanswered, denied, rebilled);
    }

    /**
     * A corrected claim corrected again: a replacement goes out; a second one is refused until the payer answered the
     * first (the 835 reverses the original and pays the replacement with a new payer claim number, CLP07); then the
     * second replacement goes out with REF*F8 = that new number, and passes the four layers.
     */
    void aReplacedClaimIsReplacedAgainOnceThePayerAnsweredTheFirstReplacement() throws Exception {
        closeAndSubmit();
        Path answer = out().resolve("era").resolve("answer.835");
        assertThat(run("demo-remit", "--submission", "1", "--seed", "3", "--out", answer.toString()).exit()).isEqualTo(ExitCodes.OK);
        assertThat(run("remit", "--from", answer.toString()).exit()).isEqualTo(ExitCodes.OK);
        String claim = jdbc().queryForObject("SELECT MIN(claim_id) FROM claim WHERE status = 'PAID'", String.class);
        String firstF8 = jdbc().queryForObject("SELECT payer_claim_number FROM claim WHERE claim_id = ?", String.class, claim);

        assertThat(run("resubmit", claim, "--reason", "corrected diagnosis", "--by", "biller-ann").exit()).isEqualTo(ExitCodes.OK);
        assertThat(run("submit").exit()).isEqualTo(ExitCodes.OK);
        assertThat(Interchange837Check.problems(Files.readAllBytes(interchange(2)))).isEmpty();
        assertThat(correction(interchange(2), claim)).isEqualTo("7 REF*F8*" + firstF8);
        CommandRun early = run("resubmit", claim);
        assertThat(early.exit()).as("the first replacement is not answered yet").isEqualTo(ExitCodes.USAGE);
        assertThat(early.err()).contains("has not answered it yet").doesNotContain(claim);

        // the payer's answer to the replacement: the original's payment reversed, the replacement paid, a new CLP07
        Era835.ClaimPayment paid = paidAgain(claim);
        String secondF8 = "2699999999999";
        Era835.ClaimPayment replacementPaid = new Era835.ClaimPayment(0, 0, paid.controlNumber(), "1", paid.charge(), paid.paid(),
                paid.patientResponsibility(), secondF8, List.of(), List.of(), paid.lines());
        byte[] file = Sample835.file("REPL1", List.of(reversalOf(claim), replacementPaid), null);
        assertThat(Interchange835Check.problems(file)).isEmpty();
        Path posted = Files.write(out().resolve("era").resolve("replacement.835"), file);
        CommandRun remitted = run("remit", "--from", posted.toString());
        assertThat(remitted.exit()).as(remitted.err()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc().queryForMap("SELECT status, payer_claim_number, paid_amount FROM claim WHERE claim_id = ?", claim).values()
                .stream().map(String::valueOf).toList()).containsExactly("PAID", secondF8, paid.paid().toPlainString());

        CommandRun again = run("resubmit", claim, "--reason", "corrected again", "--by", "biller-ann");
        assertThat(again.exit()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(run("submit").exit()).isEqualTo(ExitCodes.OK);
        byte[] second = Files.readAllBytes(interchange(3));
        assertThat(Interchange837Check.problems(second)).isEmpty();
        assertThat(correction(interchange(3), claim)).isEqualTo("7 REF*F8*" + secondF8);
        assertThat(jdbc().queryForList("SELECT isa13, frequency, correction FROM submission_claim WHERE claim_id = ? ORDER BY isa13", claim)
                .stream().map(r -> r.values().toString()).toList()).containsExactly("[1, 1, 0]", "[2, 7, 0]", "[3, 7, 1]");
        assertThat(jdbc().queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claim)).isEqualTo("REPLACED");
        assertThat(jdbc().queryForList("SELECT to_status FROM claim_event WHERE claim_id = ? ORDER BY event_id", String.class, claim))
                .containsExactly("DECIDED", "SUBMITTED", "PAID", "REPLACED", "REVERSED", "PAID", "REPLACED");
        // a void still goes out once
        CommandRun voided = run("void", claim);
        assertThat(voided.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run("submit").exit()).isEqualTo(ExitCodes.OK);
        assertThat(run("void", claim).exit()).isEqualTo(ExitCodes.USAGE);
        assertAddsUp(receivables());
    }

    /** CLM05-3 and the REF segment after CLM of {@code claimId}'s claim in an 837. */
    private static String correction(Path interchange, String claimId) throws Exception {
        List<List<String>> segments = Interchange837Check.segments(Files.readAllBytes(interchange));
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).get(0).equals("CLM") && segments.get(i).get(1).equals(ClaimControlNumber.of(claimId))) {
                return segments.get(i).get(5).split(":")[2] + " " + String.join("*", segments.get(i + 1));
            }
        }
        throw new AssertionError("no CLM for the claim");
    }

    /** The claim paid as Medicare pays, line by line (Sample835's arithmetic). */
    private Era835.ClaimPayment paidAgain(String claimId) {
        List<Era835.ServicePayment> lines = jdbc().query("SELECT line, cpt, charge_amount FROM claim_line WHERE claim_id = ? ORDER BY line",
                (rs, n) -> Sample835.paidLine(rs.getInt(1), rs.getString(2), rs.getBigDecimal(3).toPlainString(),
                        ClaimControlNumber.of(claimId), 1), claimId);
        return Sample835.claim(ClaimControlNumber.of(claimId), "1", lines);
    }

    private Path interchange(long isa13) {
        return out().resolve("submissions").resolve(String.format("%09d", isa13)).resolve("claims.837");
    }

    private String patient(String claimId) {
        return jdbc().queryForObject("SELECT patient_id FROM claim WHERE claim_id = ?", String.class, claimId);
    }

    private List<String> statuses(String... claims) {
        List<String> statuses = new ArrayList<>();
        for (String claim : claims) {
            statuses.add(jdbc().queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claim));
        }
        return statuses;
    }

    private static List<String> alreadyBilled(Path revision) throws Exception {
        return csv(revision.resolve("exceptions.csv")).stream().filter(r -> r.get("reason_code").equals("ALREADY_BILLED"))
                .map(r -> r.get("patient_id")).toList();
    }

    /** CLM01 to CLM05-3 of every claim of an 837. */
    private static Map<String, String> claims(byte[] interchange) {
        Map<String, String> claims = new TreeMap<>();
        for (List<String> s : Interchange837Check.segments(interchange)) {
            if (s.get(0).equals("CLM")) {
                claims.put(s.get(1), s.get(5).split(":")[2]);
            }
        }
        return claims;
    }

    /**
     * The reversal of the claim's posted payment, as 005010X221A1 1.10.2.8 has it: CLP02 22, the original's lines with
     * charge, paid and every adjustment negated (so it balances as the original did).
     */
    private Era835.ClaimPayment reversalOf(String claimId) {
        List<Era835.ServicePayment> lines = jdbc().query("""
                SELECT l.remittance_id, l.claim_seq, l.line_seq, l.claim_line, l.cpt, l.units, l.charge_amount, l.paid_amount
                  FROM remittance_line l JOIN remittance_claim r ON r.remittance_id = l.remittance_id AND r.claim_seq = l.claim_seq
                 WHERE l.claim_id = ? AND r.claim_status_code = '1' ORDER BY l.line_seq""", (rs, n) -> {
            List<Adjustment> cas = jdbc().query("""
                    SELECT group_code, reason_code, amount FROM remittance_adjustment
                     WHERE remittance_id = ? AND claim_seq = ? AND line_seq = ? ORDER BY adjustment_seq""",
                    (a, m) -> new Adjustment(a.getString(1), a.getString(2), a.getBigDecimal(3).negate(), null), rs.getLong(1), rs.getInt(2),
                    rs.getInt(3));
            return new Era835.ServicePayment(rs.getInt(4), rs.getString(5), rs.getBigDecimal(7).negate(), rs.getBigDecimal(8).negate(),
                    rs.getInt(6), ClaimControlNumber.of(claimId) + "-" + rs.getInt(4), cas, List.of());
        }, claimId);
        assertThat(lines).isNotEmpty();
        return Sample835.claim(ClaimControlNumber.of(claimId), "22", lines);
    }

    /** The payer refuses the void: CLP02 4, every line denied CO-16 with MA130 (nothing to cancel as sent). */
    private Era835.ClaimPayment deniedVoid(String claimId) {
        List<Era835.ServicePayment> lines = jdbc().query("SELECT line, cpt, charge_amount FROM claim_line WHERE claim_id = ? ORDER BY line",
                (rs, n) -> Sample835.deniedLine(rs.getInt(1), rs.getString(2), rs.getBigDecimal(3).toPlainString(),
                        ClaimControlNumber.of(claimId), "16", "MA130"), claimId);
        return Sample835.claim(ClaimControlNumber.of(claimId), "4", lines);
    }
}
