package org.ccm.monthend.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

import org.ccm.monthend.forecast.ClosedMonth;
import org.ccm.monthend.forecast.Projection;

/** The forecast as a plain text table: the projection, then the closed months beside it. */
final class ForecastText {

    private ForecastText() {
    }

    static void print(Projection p, List<ClosedMonth> actual, PrintStream out) {
        out.println("Projection");
        out.printf(Locale.ROOT, "  %-32s %,15d%n", "Medicare patients", p.medicarePatients());
        out.printf(Locale.ROOT, "  %-32s %15s  -> %,.1f eligible%n", "x eligible share (2+ chronic)", p.eligibleShare().toPlainString(),
                p.eligiblePatients());
        out.printf(Locale.ROOT, "  %-32s %15s  -> %,.1f enrolled, billed each month%n", "x enroll share",
                p.enrollShare().toPlainString(), p.enrolledPatients());
        out.printf(Locale.ROOT, "  %-32s %,15.2f%n", "x net per billed patient-month", p.netPerPatientMonth());
        out.printf(Locale.ROOT, "  %-32s %,15.2f%n", "= per month", p.perMonth());
        out.printf(Locale.ROOT, "  %-32s %,15.2f%n", "= per year", p.perYear());
        out.println();
        if (actual.isEmpty()) {
            out.println("Actual: no month has been closed yet (close --month YYYY-MM), so there is nothing to compare.");
            return;
        }
        out.println("Actual (closed months, newest first; expected payment of the claims of every published revision)");
        String format = "  %-8s %9s %17s %17s %13s %14s %9s %14s%n";
        out.printf(Locale.ROOT, format, "MONTH", "REVISIONS", "BILLED PT-MONTHS", "EXPECTED PAYMENT", "PER PT-MONTH", "VS PROJECTION",
                "ANSWERED", "PAID PT-MONTH");
        long answered = 0;
        BigDecimal actuallyPaid = BigDecimal.ZERO;
        long billed = 0;
        BigDecimal paid = BigDecimal.ZERO;
        for (ClosedMonth m : actual) {
            out.printf(Locale.ROOT, format, m.month(), m.revisions(), String.format(Locale.ROOT, "%,d", m.billedPatientMonths()),
                    String.format(Locale.ROOT, "%,.2f", m.expectedPayment()), money(m.perBilledPatientMonth()),
                    share(m.expectedPayment(), p.perMonth()), m.answeredPatientMonths() == 0 ? "-"
                            : String.format(Locale.ROOT, "%,d", m.answeredPatientMonths()), money(m.paidPerAnsweredPatientMonth()));
            answered += m.answeredPatientMonths();
            actuallyPaid = actuallyPaid.add(m.paidAmount() == null ? BigDecimal.ZERO : m.paidAmount());
            billed += m.billedPatientMonths();
            paid = paid.add(m.expectedPayment());
        }
        BigDecimal months = BigDecimal.valueOf(actual.size());
        BigDecimal monthlyAverage = paid.divide(months, 2, RoundingMode.HALF_UP);
        out.printf(Locale.ROOT, format, "average", "", String.format(Locale.ROOT, "%,.1f",
                BigDecimal.valueOf(billed).divide(months, 1, RoundingMode.HALF_UP)), String.format(Locale.ROOT, "%,.2f", monthlyAverage),
                money(billed == 0 ? null : paid.divide(BigDecimal.valueOf(billed), 2, RoundingMode.HALF_UP)),
                share(monthlyAverage, p.perMonth()), answered == 0 ? "-" : String.format(Locale.ROOT, "%,d", answered),
                money(answered == 0 ? null : actuallyPaid.divide(BigDecimal.valueOf(answered), 2, RoundingMode.HALF_UP)));
        out.println();
        out.printf(Locale.ROOT, "Projected: %,.1f billed patient-months a month at %s each; actual average: %,.1f at %s.%n",
                p.enrolledPatients(), p.netPerPatientMonth().toPlainString(),
                BigDecimal.valueOf(billed).divide(months, 1, RoundingMode.HALF_UP),
                money(billed == 0 ? null : paid.divide(BigDecimal.valueOf(billed), 2, RoundingMode.HALF_UP)));
        if (answered > 0) {
            out.printf(Locale.ROOT, "Actually paid (posted remittances): %s per answered patient-month over %,d answered claims.%n",
                    money(actuallyPaid.divide(BigDecimal.valueOf(answered), 2, RoundingMode.HALF_UP)), answered);
        }
        out.println("Expected payment is the fee schedule amount before coinsurance and sequestration; the projection's net may be after them;"
                + " paid is what the payer sent (after both).");
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "-" : String.format(Locale.ROOT, "%,.2f", amount);
    }

    /** Actual as a percentage of the projection. */
    private static String share(BigDecimal actual, BigDecimal projected) {
        if (projected.signum() == 0) {
            return "-";
        }
        return actual.multiply(BigDecimal.valueOf(100)).divide(projected, 0, RoundingMode.HALF_UP) + "%";
    }
}
