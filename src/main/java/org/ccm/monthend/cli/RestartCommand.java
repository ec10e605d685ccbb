package org.ccm.monthend.cli;

import java.util.concurrent.Callable;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.close.ExecutionControl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Resume a failed, stopped or crashed close by its execution id (see 'history').",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:closed", "1:failed again (restartable)", "2:bad usage", "3:already completed", "4:running elsewhere"})
class RestartCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    long executionId;

    @Option(names = "--by", paramLabel = "NAME", description = "who restarts it, on the record (default: the operating-system user)")
    String by;

    @Override
    public Integer call() throws Exception {
        String actor = ReleaseCommand.actor(by);
        try (JsonOut stdout = JsonOut.when(false)) {
            return Cli.withStoppableContext("another close is in progress", context -> CloseCommand.report(context.getBean(ExecutionControl.class)
                    .restart(executionId, actor, AuditEntry.CLI, CloseText.progress(System.out, System.err)), stdout));
        }
    }
}
