package org.ccm.monthend.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.review.ClaimReview;
import org.ccm.monthend.review.ClaimStatus;
import org.ccm.monthend.review.ReviewedClaim;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "claims", mixinStandardHelpOptions = true,
        description = {"List a month's claims with their lifecycle status.",
                "One row per claim of the service month (every revision), by claim id: its",
                "control number (CLM01), patient, status (DECIDED, HELD, RELEASED, SUBMITTED,",
                "...), family, codes, total charge and expected payment. 'hold' and 'release'",
                "change the status, each change on the record with who, when and why."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed (also when there is nothing to list)", "1:failed (database unreachable, ...)", "2:bad usage"})
class ClaimsCommand implements Callable<Integer> {

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "the service month")
    String month;

    @Option(names = "--status", paramLabel = "S", description = "only claims with this status (DECIDED, HELD, RELEASED, SUBMITTED, ...)")
    String status;

    @Option(names = "--json", description = "the claims as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        YearMonth serviceMonth = Cli.month(month);
        ClaimStatus only = status == null ? null : status(status);
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withContext(context -> {
                List<ReviewedClaim> claims = context.getBean(ClaimReview.class).claims(serviceMonth, only);
                if (json) {
                    stdout.print(View.of(serviceMonth, claims));
                }
                else {
                    print(serviceMonth, only, claims, System.out);
                }
                return ExitCodes.OK;
            });
        }
    }

    static ClaimStatus status(String value) {
        try {
            return ClaimStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new UsageException("--status must be one of " + Arrays.toString(ClaimStatus.values()) + ", got '" + value + "'");
        }
    }

    /** {@code --json}, as data-contract.md fixes it: every key present (null when not known yet), amounts as "66.13". */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record View(String month, List<ClaimView> claims) {

        static View of(YearMonth month, List<ReviewedClaim> claims) {
            return new View(month.toString(), claims.stream().map(ClaimView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ClaimView(String claimId, String controlNumber, String patientId, String practiceId, String status, String family,
            String totalCharge, String expectedPayment, String paid, String submission, List<LineView> lines) {

        static ClaimView of(ReviewedClaim claim) {
            return new ClaimView(claim.claimId(), claim.controlNumber(), claim.patientId(), claim.practiceId(), claim.status().name(),
                    claim.family(), amount(claim.totalCharge()), amount(claim.expectedPayment()), amount(claim.paid()), claim.submission(),
                    claim.lines().stream().map(LineView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LineView(int line, String cpt, int units, String chargeAmount, String expectedPayment, String paid) {

        static LineView of(ReviewedClaim.Line line) {
            return new LineView(line.line(), line.cpt(), line.units(), amount(line.chargeAmount()), amount(line.expectedPayment()),
                    amount(line.paid()));
        }
    }

    /** Money as a string with two decimals: exact, whatever a script's JSON parser does with numbers. */
    static String amount(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static void print(YearMonth month, ClaimStatus only, List<ReviewedClaim> claims, PrintStream out) {
        if (claims.isEmpty()) {
            out.println("No " + (only == null ? "" : only + " ") + "claims of " + month + ".");
            return;
        }
        String format = "%-24s %-20s %-12s %-14s %-11s %-20s %12s %12s%n";
        out.printf(Locale.ROOT, format, "CLAIM_ID", "CONTROL_NUMBER", "PATIENT_ID", "STATUS", "FAMILY", "CODES", "TOTAL_CHARGE",
                "EXPECTED");
        BigDecimal charge = BigDecimal.ZERO;
        BigDecimal expected = BigDecimal.ZERO;
        Map<ClaimStatus, Integer> counts = new EnumMap<>(ClaimStatus.class);
        for (ReviewedClaim claim : claims) {
            out.printf(Locale.ROOT, format, claim.claimId(), claim.controlNumber(), claim.patientId(), claim.status(), claim.family(),
                    codes(claim.lines()), amount(claim.totalCharge()), amount(claim.expectedPayment()));
            charge = charge.add(claim.totalCharge());
            expected = expected.add(claim.expectedPayment());
            counts.merge(claim.status(), 1, Integer::sum);
        }
        out.println();
        out.printf(Locale.ROOT, "%d claims of %s (%s): total charge %s, expected payment %s%n", claims.size(), month,
                counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                amount(charge), amount(expected));
    }

    private static String codes(List<ReviewedClaim.Line> lines) {
        return lines.stream().map(line -> line.units() == 1 ? line.cpt() : line.cpt() + "x" + line.units()).collect(Collectors.joining(" "));
    }
}
