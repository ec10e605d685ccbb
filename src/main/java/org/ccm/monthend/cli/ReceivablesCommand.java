package org.ccm.monthend.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.receivables.MonthReceivables;
import org.ccm.monthend.receivables.MonthReceivables.Count;
import org.ccm.monthend.receivables.Receivables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "receivables", mixinStandardHelpOptions = true,
        description = {"Per service month: claims and charges decided, held, ready, submitted, answered (paid, partially",
                "paid, denied, reversed) and outstanding (no answer yet; overdue after ccm.remit.outstanding-days), the",
                "money paid, owed by patients and withheld (sequestration, provider adjustments), denials by group and",
                "CARC, remark codes (RARC), and every line whose allowed amount differs from its expected payment by more",
                "than a cent. decided = held + ready + submitted; submitted = answered + outstanding.",
                "Also written to <ccm.output-dir>/receivables/receivables.csv."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:failed", "2:bad usage"})
class ReceivablesCommand implements Callable<Integer> {

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "one service month (default: every month with claims)")
    String month;

    @Option(names = "--json", description = "as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        YearMonth serviceMonth = month == null ? null : Cli.month(month);
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withContext(context -> {
                Receivables receivables = context.getBean(Receivables.class);
                List<MonthReceivables> months = serviceMonth == null ? receivables.all() : List.of(receivables.of(serviceMonth));
                Path csv = receivables.writeCsv(months,
                        context.getBean(CcmProperties.class).outputDir().resolve("receivables").resolve("receivables.csv"));
                if (json) {
                    stdout.print(new View(months.stream().map(MonthView::of).toList()));
                }
                else {
                    months.forEach(m -> print(m, System.out));
                }
                System.err.println("receivables.csv: " + csv);
                return ExitCodes.OK;
            });
        }
    }

    private static void print(MonthReceivables m, PrintStream out) {
        out.println("Receivables " + m.month());
        line(out, "decided", m.decided());
        line(out, "  held", m.held());
        line(out, "  ready", m.ready());
        line(out, "  submitted", m.submitted());
        line(out, "    answered", m.answered());
        line(out, "      paid", m.paid());
        line(out, "      partially paid", m.partiallyPaid());
        line(out, "      denied", m.denied());
        line(out, "      reversed", m.reversed());
        line(out, "      corrected", m.corrected());
        line(out, "    outstanding", m.outstanding());
        line(out, "      overdue (> " + m.outstandingDays() + " days)", m.overdue());
        out.println(String.format(Locale.ROOT, "  %-32s %12s", "paid", m.paidAmount().toPlainString()));
        out.println(String.format(Locale.ROOT, "  %-32s %12s", "patient responsibility", m.patientResponsibility().toPlainString()));
        out.println(String.format(Locale.ROOT, "  %-32s %12s", "sequestration (CO-253)", m.sequestration().toPlainString()));
        m.providerAdjustments().forEach(p -> out.println(String.format(Locale.ROOT, "  %-32s %12s", "provider adjustment " + p.reason(),
                p.amount().toPlainString())));
        if (m.duplicatePayments() > 0) {
            out.println("  second payments flagged (not counted): " + m.duplicatePayments());
        }
        m.denials().forEach(d -> out.println(String.format(Locale.ROOT, "  denial %-6s %6d claims %6d lines %12s", d.group() + "-" + d.reason(),
                d.claims(), d.lines(), d.amount().toPlainString())));
        m.remarks().forEach(r -> out.println(String.format(Locale.ROOT, "  remark %-8s %6d claims", r.code(), r.claims())));
        out.println("  variances (allowed vs expected, > 0.01): " + m.variances().size() + (m.variances().isEmpty() ? "" : " (see receivables.csv)"));
    }

    private static void line(PrintStream out, String label, Count c) {
        out.println(String.format(Locale.ROOT, "  %-32s %8d claims %12s", label, c.claims(), c.amount().toPlainString()));
    }

    /** {@code --json} as claim-lifecycle.md "Details" fixes it; amounts as strings with two decimals. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record View(List<MonthView> months) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CountView(int claims, String amount) {
        static CountView of(Count c) {
            return new CountView(c.claims(), money(c.amount()));
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record MonthView(String month, CountView decided, CountView held, CountView ready, CountView submitted, CountView answered,
            CountView paid, CountView partiallyPaid, CountView denied, CountView reversed, CountView corrected, CountView outstanding,
            CountView overdue, int outstandingDays, String paidAmount, String patientResponsibility, String sequestration,
            List<Amount> providerAdjustments, int duplicatePayments, List<DenialView> denials, List<RemarkView> remarks,
            List<VarianceView> variances) {

        static MonthView of(MonthReceivables m) {
            return new MonthView(m.month(), CountView.of(m.decided()), CountView.of(m.held()), CountView.of(m.ready()),
                    CountView.of(m.submitted()), CountView.of(m.answered()), CountView.of(m.paid()), CountView.of(m.partiallyPaid()),
                    CountView.of(m.denied()), CountView.of(m.reversed()), CountView.of(m.corrected()), CountView.of(m.outstanding()),
                    CountView.of(m.overdue()), m.outstandingDays(), money(m.paidAmount()), money(m.patientResponsibility()),
                    money(m.sequestration()), m.providerAdjustments().stream().map(p -> new Amount(p.reason(), money(p.amount()))).toList(),
                    m.duplicatePayments(),
                    m.denials().stream().map(d -> new DenialView(d.group(), d.reason(), d.claims(), d.lines(), money(d.amount()))).toList(),
                    m.remarks().stream().map(r -> new RemarkView(r.code(), r.claims())).toList(),
                    m.variances().stream().map(v -> new VarianceView(v.claimId(), v.line(), money(v.expected()), money(v.allowed()),
                            v.ruleSet())).toList());
        }
    }

    record Amount(String reason, String amount) {
    }

    record DenialView(String group, String reason, int claims, int lines, String amount) {
    }

    record RemarkView(String code, int claims) {
    }

    record VarianceView(String claimId, int line, String expected, String allowed, String ruleSet) {
    }

    private static String money(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
