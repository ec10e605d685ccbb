package org.ccm.monthend.cli;

import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.history.ExecutionDetails;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one execution in detail, and whether its published files still match.",
                "For an execution (see 'history'): its parameters; each step with its read /",
                "write / filter / commit / rollback counts and exit message; the rule set id",
                "and SHA-256 it decided with; where it published; and each published file",
                "with the SHA-256 summary.json recorded and whether the file still matches it",
                "(computed again)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown (a file that no longer matches is shown as CHANGED or MISSING; 'verify' fails on it)",
                "1:failed (database unreachable, ...)", "2:bad usage or no such execution"})
class ShowCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    long executionId;

    @Override
    public Integer call() throws Exception {
        return Cli.withContext(context -> {
            context.getBean(ExecutionDetails.class).print(executionId, System.out);
            return ExitCodes.OK;
        });
    }
}
