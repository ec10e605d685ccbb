package org.ccm.monthend.cli;

import java.util.ArrayList;
import java.util.List;

/** A command run in this JVM as {@code java -jar} would run it, with its console captured. */
public record CommandRun(int exit, String out, String err) {

    /** Runs {@code args} followed by {@code settings} (Spring properties: the database, the output directory). */
    public static CommandRun of(List<String> settings, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(settings);
        CapturedConsole console = new CapturedConsole();
        console.beforeEach(null);
        int exit;
        try {
            exit = Cli.run(all.toArray(String[]::new));
        }
        finally {
            console.afterEach(null);
        }
        return new CommandRun(exit, console.out(), console.err());
    }
}
