package org.ccm.monthend.remittance;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.xlate.edi.stream.EDIStreamException;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.submission.SubmissionSettings;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The synthetic payer of claim-lifecycle.md ("demo-remit"): answers a published submission with a realistic 835,
 * deterministic by seed. Most claims are paid as Medicare pays: the allowed amount is the line's expected payment, of
 * which the patient owes 20% coinsurance (PR-2, after any deductible PR-1 in January), and Medicare pays the rest less
 * 2% sequestration (CO-253); a charge above the fee schedule is CO-45. A few (the denial rate) are denied: CO-18
 * (exact duplicate), CO-B9 (hospice), CO-97 (bundled: the add-on line, or the only line) or CO-16 with remark MA130;
 * about one in 50 paid claims is allowed 0.50 less per line (a fee schedule variance); about 3% are left unanswered.
 * One transaction per billing provider, each with an L6 interest adjustment (PLB), balancing at the line, claim and
 * transaction levels.
 */
@Component
public class SyntheticPayer {

    static final BigDecimal JANUARY_DEDUCTIBLE = new BigDecimal("40.00");
    private static final double UNANSWERED = 0.03;

    /** What was written: the file, its transactions and claims by fate. */
    public record Answered(Path file, long submission, int transactions, int answered, int unanswered, int paid, int partiallyPaid,
            int denied, BigDecimal paidAmount, Map<String, Integer> denials) {
    }

    record Row(String claimId, String controlNumber, String practiceId, String month, String first, String last, String mbi,
            String placeOfService, int line, String cpt, int units, BigDecimal charge, BigDecimal expected) {
    }

    private final JdbcTemplate jdbc;
    /** The interchange's claim lines, row by row: Connector/J would otherwise hold all of them (1M claims: out of a 512 MiB heap). */
    private final JdbcTemplate streaming;
    private final Path settingsFile;

    SyntheticPayer(JdbcTemplate jdbc, Dialect dialect, CcmProperties properties) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(dialect.streamingFetchSize());
        this.settingsFile = properties.submission().settings();
    }

    public Answered answer(long isa13, long seed, double denialRate, Path out) throws IOException {
        if (denialRate < 0 || denialRate > 1 - UNANSWERED) {
            throw new UsageException("--denial-rate must be between 0 and " + (1 - UNANSWERED) + ", got " + denialRate);
        }
        List<String> state = jdbc.queryForList("SELECT state FROM submission WHERE isa13 = ?", String.class, isa13);
        if (state.isEmpty() || !"PUBLISHED".equals(state.get(0))) {
            throw new UsageException("no published submission " + isa13 + " (see 'submissions')");
        }
        SubmissionSettings settings = SubmissionSettings.load(settingsFile);
        LocalDateTime createdAt = jdbc.queryForObject("SELECT created_at FROM submission WHERE isa13 = ?", LocalDateTime.class, isa13);
        LocalDateTime answeredAt = createdAt.plusDays(14);
        Map<String, String[]> practices = new TreeMap<>();
        jdbc.query("SELECT practice_id, name, npi, tin FROM practice", rs -> {
            practices.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
        });
        // first pass: each practice's total paid (BPR02 comes first in the file); second pass: the file
        Map<String, BigDecimal> paidByPractice = new LinkedHashMap<>();
        Tally tally = new Tally();
        forEachClaim(isa13, (practice, claim) -> {
            Era835.ClaimPayment answer = answer(claim, seed, denialRate);
            if (answer != null) {
                paidByPractice.merge(practice, answer.paid(), BigDecimal::add);
            }
        });
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".demo-remit", ".tmp");
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
                Interchange835Writer writer = Interchange835Writer.open(file, new Interchange835Writer.Envelope(
                        settings.envelope().receiverId(), settings.envelope().senderId(), isa13, answeredAt, 'T'))) {
            String[] currentPractice = {null};
            forEachClaim(isa13, (practice, claim) -> {
                Era835.ClaimPayment answer = answer(claim, seed, denialRate);
                if (answer == null) {
                    tally.unanswered++;
                    return;
                }
                if (!practice.equals(currentPractice[0])) {
                    if (currentPractice[0] != null) {
                        interest(writer, currentPractice[0], seed, answeredAt.toLocalDate());
                    }
                    currentPractice[0] = practice;
                    String[] p = practices.getOrDefault(practice, new String[] {practice, "0000000000", "000000000"});
                    int index = new ArrayList<>(paidByPractice.keySet()).indexOf(practice) + 1;
                    BigDecimal total = paidByPractice.get(practice).subtract(interestAmount(seed));
                    writer.transaction(new Interchange835Writer.Header(total, answeredAt.toLocalDate(),
                            String.format(Locale.ROOT, "%09d%02d%04d", isa13, index, Math.floorMod(seed, 10_000)), "1" + pad(settings.parties().payerId()),
                            settings.parties().payerName(), settings.parties().payerId(), p[0], p[1], p[2]));
                    tally.transactions++;
                }
                Row first = claim.get(0);
                writer.claim(answer, new Interchange835Writer.Patient(first.last(), first.first(), first.mbi()), first.placeOfService());
                tally.count(answer);
            });
            if (currentPractice[0] != null) {
                interest(writer, currentPractice[0], seed, answeredAt.toLocalDate());
            }
        }
        catch (EDIStreamException ex) {
            Files.deleteIfExists(temporary);
            throw new IllegalStateException("the 835 could not be written: " + ex.getMessage(), ex);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Answered(target, isa13, tally.transactions, tally.answered, tally.unanswered, tally.paid, tally.partial,
                tally.denied, tally.paidAmount, tally.denials);
    }

    private static String pad(String payerId) {
        String digits = payerId.replaceAll("[^0-9]", "");
        return String.format(Locale.ROOT, "%9s", digits).replace(' ', '0');
    }

    /** L6 interest: a negative provider adjustment (it adds to the payment), between 0.37 and 1.85 by seed. */
    private static BigDecimal interestAmount(long seed) {
        return new BigDecimal("-0.37").multiply(BigDecimal.valueOf(Math.floorMod(seed, 5) + 1));
    }

    private void interest(Interchange835Writer writer, String practice, long seed, LocalDate date) throws EDIStreamException {
        writer.providerAdjustment(new Era835.ProviderAdjustment(writer.payeeNpi(), LocalDate.of(date.getYear(), 12, 31), "L6", null,
                interestAmount(seed)));
    }

    private static final class Tally {
        int transactions;
        int answered;
        int unanswered;
        int paid;
        int partial;
        int denied;
        BigDecimal paidAmount = BigDecimal.ZERO.setScale(2);
        final Map<String, Integer> denials = new TreeMap<>();

        void count(Era835.ClaimPayment answer) {
            answered++;
            paidAmount = paidAmount.add(answer.paid());
            switch (RemittancePoster.status(answer)) {
                case "PAID" -> paid++;
                case "PARTIALLY_PAID" -> partial++;
                default -> denied++;
            }
            answer.lines().stream().flatMap(l -> l.adjustments().stream()).filter(Adjustment::denies).map(a -> a.group() + "-" + a.reason())
                    .distinct().forEach(code -> denials.merge(code, 1, Integer::sum));
        }
    }

    @FunctionalInterface
    private interface ClaimHandler {
        void claim(String practice, List<Row> lines) throws EDIStreamException;
    }

    private void forEachClaim(long isa13, ClaimHandler handler) {
        List<Row> claim = new ArrayList<>();
        streaming.query("""
                SELECT s.claim_id, s.control_number, s.practice_id, c.service_month, p.first_name, p.last_name, p.mbi, p.place_of_service,
                       l.line, l.cpt, l.units, l.charge_amount, l.expected_payment
                  FROM submission_claim s JOIN claim c ON c.claim_id = s.claim_id JOIN patient p ON p.patient_id = c.patient_id
                  JOIN claim_line l ON l.claim_id = s.claim_id
                 WHERE s.isa13 = ? AND s.frequency = 1 ORDER BY s.practice_id, s.claim_id, l.line""", rs -> {
            Row row = new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getInt(11), rs.getBigDecimal(12),
                    rs.getBigDecimal(13));
            if (!claim.isEmpty() && !claim.get(0).claimId().equals(row.claimId())) {
                emit(handler, claim);
                claim.clear();
            }
            claim.add(row);
        }, isa13);
        if (!claim.isEmpty()) {
            emit(handler, claim);
        }
    }

    private static void emit(ClaimHandler handler, List<Row> claim) {
        try {
            handler.claim(claim.get(0).practiceId(), List.copyOf(claim));
        }
        catch (EDIStreamException ex) {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
    }

    /** The payer's deterministic answer to one claim, or null when it leaves it unanswered. */
    static Era835.ClaimPayment answer(List<Row> claim, long seed, double denialRate) {
        Row first = claim.get(0);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + first.claimId().hashCode());
        double fate = random.nextDouble();
        if (fate < UNANSWERED) {
            return null;
        }
        boolean january = YearMonth.parse(first.month()).getMonth() == Month.JANUARY;
        String denial = null;
        if (fate < UNANSWERED + denialRate) {
            denial = List.of("18", "B9", "97", "16").get(random.nextInt(4));
        }
        boolean variance = denial == null && random.nextInt(50) == 0;
        boolean deductible = january && random.nextInt(10) < 4;
        List<Era835.ServicePayment> lines = new ArrayList<>();
        BigDecimal charge = BigDecimal.ZERO.setScale(2);
        BigDecimal paid = BigDecimal.ZERO.setScale(2);
        BigDecimal patient = BigDecimal.ZERO.setScale(2);
        for (Row row : claim) {
            List<Adjustment> cas = new ArrayList<>();
            List<String> remarks = new ArrayList<>();
            BigDecimal linePaid;
            boolean denyLine = denial != null && (!"97".equals(denial) || row.line() > 1 || claim.size() == 1);
            if (denyLine) {
                cas.add(new Adjustment("CO", denial, row.charge(), null));
                if ("16".equals(denial)) {
                    remarks.add("MA130");
                }
                linePaid = BigDecimal.ZERO.setScale(2);
            }
            else {
                BigDecimal allowed = row.expected().min(row.charge());
                if (variance) {
                    allowed = allowed.subtract(new BigDecimal("0.50")).max(BigDecimal.ZERO.setScale(2));
                }
                BigDecimal aboveSchedule = row.charge().subtract(allowed);
                BigDecimal deducted = deductible && row.line() == 1 ? allowed.min(JANUARY_DEDUCTIBLE) : BigDecimal.ZERO.setScale(2);
                BigDecimal coinsurance = allowed.subtract(deducted).multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
                BigDecimal medicare = allowed.subtract(deducted).subtract(coinsurance);
                BigDecimal sequestration = medicare.multiply(new BigDecimal("0.02")).setScale(2, RoundingMode.HALF_UP);
                linePaid = medicare.subtract(sequestration);
                if (aboveSchedule.signum() != 0) {
                    cas.add(new Adjustment("CO", "45", aboveSchedule, null));
                }
                if (sequestration.signum() != 0) {
                    cas.add(new Adjustment("CO", "253", sequestration, null));
                }
                if (deducted.signum() != 0) {
                    cas.add(new Adjustment("PR", "1", deducted, null));
                }
                if (coinsurance.signum() != 0) {
                    cas.add(new Adjustment("PR", "2", coinsurance, null));
                }
                patient = patient.add(deducted).add(coinsurance);
            }
            lines.add(new Era835.ServicePayment(row.line(), row.cpt(), row.charge(), linePaid, row.units(),
                    row.controlNumber() + "-" + row.line(), cas, remarks));
            charge = charge.add(row.charge());
            paid = paid.add(linePaid);
        }
        boolean allDenied = lines.stream().allMatch(Era835.ServicePayment::denied);
        String payerClaimNumber = String.format(Locale.ROOT, "26%011d", Math.floorMod(random.nextLong(), 100_000_000_000L));
        return new Era835.ClaimPayment(0, 0, first.controlNumber(), allDenied ? "4" : "1", charge, paid, patient, payerClaimNumber,
                List.of(), List.of(), lines);
    }
}
