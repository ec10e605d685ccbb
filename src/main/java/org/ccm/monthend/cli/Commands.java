package org.ccm.monthend.cli;

import java.util.List;

/** The subcommands, in the order {@code --help} lists them. */
final class Commands {

    private Commands() {
    }

    static List<Object> all() {
        return List.of(new ImportCommand(), new DemoDataCommand(), new CloseCommand(), new RestartCommand(), new HistoryCommand(), new ShowCommand(), new VerifyCommand(), new PreviewCommand(), new ForecastCommand(), new ClaimsCommand(), new HoldCommand(), new ReleaseCommand(), new SubmitCommand(), new SubmissionsCommand(), new DemoRemitCommand(), new RemitCommand(), new ReceivablesCommand(), new ResubmitCommand(), new VoidCommand(), new SchedulerCommand(), new ServeCommand(), new UserCommand());
    }
}
