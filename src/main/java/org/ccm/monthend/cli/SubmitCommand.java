package org.ccm.monthend.cli;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ccm.monthend.submission.SubmitOutcome;
import org.ccm.monthend.submission.Submitter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Write the X12 837P interchange of every ready claim (decided or released, not held, carried by no",
                "interchange) of closed months: <ccm.output-dir>/submissions/<ISA13>/claims.837 with manifest.json,",
                "published atomically; claims an 837P cannot carry go to submission-rejects.csv with why.",
                "The file is a test file (ISA15 T) unless config/submission.yml says usage: P."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (also when nothing was ready)", "1:failed: run it again (it finishes what a crash left)",
                "2:bad usage or config/submission.yml", "4:another submit is running"})
class SubmitCommand implements Callable<Integer> {

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "only the claims of this service month")
    String month;

    @Option(names = "--by", paramLabel = "NAME", description = "who submits (default: the OS user)")
    String by;

    @Option(names = "--json", description = "the outcome as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        YearMonth serviceMonth = month == null ? null : Cli.month(month);
        String actor = by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "unknown");
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withContext("another command is using it", context -> {
                SubmitOutcome outcome = context.getBean(Submitter.class).submit(serviceMonth, actor);
                if (json) {
                    stdout.print(outcome);
                }
                print(outcome);
                return outcome.exitCode();
            });
        }
    }

    private static void print(SubmitOutcome outcome) {
        if (outcome instanceof SubmitOutcome.InProgress) {
            System.err.println("error: another submit is in progress; nothing was done");
        }
        else if (outcome instanceof SubmitOutcome.Submitted submitted) {
            {
                List<SubmitOutcome.Published> interchanges = submitted.interchanges();
                if (interchanges.isEmpty()) {
                    System.out.println("Nothing ready to submit");
                }
                for (SubmitOutcome.Published published : interchanges) {
                    System.out.println(String.format(Locale.ROOT, "%s interchange %09d: %d claims, %d lines, total charge %s, %s in %s",
                            published.finished() ? "Finished" : "Submitted", published.isa13(), published.claims(), published.lines(),
                            published.totalCharge().toPlainString(), practices(published), published.directory()));
                }
                if (submitted.rejected() > 0) {
                    System.err.println("warning: " + submitted.rejected() + " claim(s) not carried (they stay ready): "
                            + submitted.rejectsFile());
                }
            }
        }
    }

    private static String practices(SubmitOutcome.Published published) {
        return published.practices().size() + " billing provider(s)";
    }
}
