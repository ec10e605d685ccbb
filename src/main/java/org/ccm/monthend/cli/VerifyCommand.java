package org.ccm.monthend.cli;

import java.io.PrintStream;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.history.ExportVerifier;
import org.ccm.monthend.history.VerifyReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-check a published export: checksums and reconciliations.",
                "Checks each file's SHA-256 and size against summary.json and summary.json's",
                "SHA-256 against the month_close row, then reconciles: evidence rows =",
                "entries read; counted + not counted = read; each claim's minutes_counted =",
                "the sum of its evidence minutes; patient-months = billed + excepted;",
                "claims.csv totals = summary totals; claim rows in the database = claims.csv.",
                "Prints each check with OK or FAIL. Without --revision, every published",
                "revision of the month is checked."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed (the export was changed, or does not reconcile)",
                "2:bad usage, or the month (revision) has no published export"})
class VerifyCommand implements Callable<Integer> {

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "the service month")
    String month;

    @Option(names = "--revision", paramLabel = "N", description = "only this revision (default: every published revision)")
    Integer revision;

    @Option(names = "--json", description = "the checks as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        YearMonth serviceMonth = Cli.month(month);
        if (revision != null && revision < 1) {
            throw new UsageException("--revision must be 1 or more, got " + revision);
        }
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withContext(context -> {
                VerifyReport report = context.getBean(ExportVerifier.class).verify(serviceMonth, revision);
                if (json) {
                    stdout.print(View.of(report));
                }
                else {
                    print(report, System.out);
                }
                return report.exitCode();
            });
        }
    }

    static void print(VerifyReport report, PrintStream out) {
        if (report.nothingPublished()) {
            out.println("Nothing to verify: " + report.month() + (report.revision() == null ? "" : " revision " + report.revision())
                    + " has no published export (no month_close row; see 'history --month " + report.month() + "')");
            return;
        }
        for (VerifyReport.Revision r : report.revisions()) {
            out.printf(Locale.ROOT, "Verifying %s revision %d (execution %d) in %s%n", r.month(), r.revision(), r.executionId(), r.path());
            for (VerifyReport.Check check : r.checks()) {
                out.printf(Locale.ROOT, "  %-4s  %s%s%n", check.ok() ? "OK" : "FAIL", check.name(),
                        check.detail().isEmpty() ? "" : ": " + check.detail());
            }
        }
        if (report.failedCount() == 0) {
            out.printf(Locale.ROOT, "All %d checks passed.%n", report.checkCount());
        }
        else {
            out.printf(Locale.ROOT, "%d of %d checks FAILED.%n", report.failedCount(), report.checkCount());
        }
    }

    /** {@code --json}: {@code ok} when every check passed; nothing published is {@code revisions: []} and exit code 2. */
    record View(String month, Integer revision, boolean ok, int checks, int failed, List<RevisionView> revisions, int exitCode) {

        static View of(VerifyReport report) {
            return new View(report.month().toString(), report.revision(), report.exitCode() == 0, report.checkCount(),
                    report.failedCount(), report.revisions().stream().map(r -> new RevisionView(r.revision(), r.executionId(),
                            r.path().toString(), r.checks())).toList(), report.exitCode());
        }
    }

    record RevisionView(int revision, long executionId, String path, List<VerifyReport.Check> checks) {
    }
}
