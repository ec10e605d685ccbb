package org.ccm.monthend.cli;

import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.scheduler.MonthEndScheduler;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Long-running mode: fires the nightly preview and the monthly close.",
                "Runs until stopped, firing the schedules of ccm.scheduler.*: the preview of",
                "the current month (preview-cron, default \"0 0 2 * * *\": nightly at 02:00)",
                "and the close of the previous month (close-cron, default \"0 0 3 3 * *\":",
                "the 3rd at 03:00), in ccm.scheduler.zone (default: the machine's). Several",
                "instances may share a database: each occurrence runs once (table",
                "scheduler_fire). A month already closed is logged, not an error. SIGTERM",
                "stops firing; a running close stops at its next chunk, restartably."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped, or --dry-run printed", "1:a close was stopped by SIGTERM (restartable) or the scheduler failed",
                "2:bad usage or a bad schedule setting"})
class SchedulerCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "print the next occurrences of each schedule and what they would run, then exit")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return Cli.withContext(context -> {
            MonthEndScheduler scheduler = context.getBean(MonthEndScheduler.class);
            if (dryRun) {
                var now = context.getBean(java.time.Clock.class).instant();
                scheduler.startFrom(now);
                scheduler.upcoming(now, 3).forEach(System.out::println);
                return ExitCodes.OK;
            }
            var now = context.getBean(java.time.Clock.class).instant();
            scheduler.startFrom(now);
            System.out.println("Scheduler started: instance " + scheduler.instanceId() + ", zone " + scheduler.zone() + "; next:");
            scheduler.upcoming(now, 1).forEach(line -> System.out.println("  " + line));
            return scheduler.run();
        });
    }
}
