package org.ccm.monthend.cli;

import java.math.BigDecimal;
import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.forecast.ClosedMonths;
import org.ccm.monthend.forecast.Projection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = {"Revenue projection beside what closed months actually billed.",
                "Projects CCM revenue: Medicare patients x eligible share x enroll share x",
                "net per billed patient-month, per month and per year; beside it, what the",
                "last closed months actually billed (expected payment per billed patient-",
                "month, from month_close and the claims of their published revisions)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "1:failed (database unreachable, ...)", "2:bad usage"})
class ForecastCommand implements Callable<Integer> {

    @Option(names = "--medicare-patients", required = true, paramLabel = "N", description = "Medicare patients of the practice")
    long medicarePatients;

    @Option(names = "--eligible-share", defaultValue = "0.68", paramLabel = "SHARE",
            description = "share with two or more chronic conditions (default ${DEFAULT-VALUE})")
    BigDecimal eligibleShare;

    @Option(names = "--enroll-share", defaultValue = "0.40", paramLabel = "SHARE",
            description = "share of the eligible who enroll and are billed each month (default ${DEFAULT-VALUE})")
    BigDecimal enrollShare;

    @Option(names = "--net-per-patient", defaultValue = "46.67", paramLabel = "USD",
            description = "net payment per billed patient-month (default ${DEFAULT-VALUE})")
    BigDecimal netPerPatient;

    @Option(names = "--months", defaultValue = "12", paramLabel = "N", description = "closed months to compare (default ${DEFAULT-VALUE})")
    int months;

    @Override
    public Integer call() throws Exception {
        Projection projection;
        try {
            projection = new Projection(medicarePatients, eligibleShare, enrollShare, netPerPatient);
        }
        catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
        }
        if (months < 1) {
            throw new UsageException("--months must be 1 or more, got " + months);
        }
        return Cli.withContext(context -> {
            ForecastText.print(projection, context.getBean(ClosedMonths.class).latest(months), System.out);
            return ExitCodes.OK;
        });
    }
}
