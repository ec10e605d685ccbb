package org.ccm.monthend.cli;

import java.time.YearMonth;
import java.util.concurrent.Callable;

import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.history.ExportVerifier;

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

    @Override
    public Integer call() throws Exception {
        YearMonth serviceMonth = Cli.month(month);
        if (revision != null && revision < 1) {
            throw new UsageException("--revision must be 1 or more, got " + revision);
        }
        return Cli.withContext(context -> context.getBean(ExportVerifier.class).verify(serviceMonth, revision, System.out));
    }
}
