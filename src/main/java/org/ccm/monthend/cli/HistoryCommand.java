package org.ccm.monthend.cli;

import java.time.YearMonth;
import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.history.JobHistory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List close and preview runs, newest first, with their counts.",
                "For each execution of the close and the preview: month, revision, execution",
                "id, status, start, duration, patient-months read, and the billed / excepted",
                "patient-months and time entries of the summary the close published. 'show",
                "EXECUTION_ID' gives one in detail; 'restart EXECUTION_ID' resumes a failed",
                "close."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed (also when there is nothing to list)", "1:failed (database unreachable, ...)", "2:bad usage"})
class HistoryCommand implements Callable<Integer> {

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "only the executions of this service month")
    String month;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "at most N executions (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws Exception {
        YearMonth serviceMonth = month == null ? null : Cli.month(month);
        if (limit < 1) {
            throw new UsageException("--limit must be 1 or more, got " + limit);
        }
        return Cli.withContext(context -> {
            context.getBean(JobHistory.class).print(serviceMonth, limit, System.out);
            return ExitCodes.OK;
        });
    }
}
