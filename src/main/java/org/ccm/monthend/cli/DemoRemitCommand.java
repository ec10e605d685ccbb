package org.ccm.monthend.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.ccm.monthend.remittance.SyntheticPayer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo-remit", mixinStandardHelpOptions = true,
        description = {"Write the synthetic payer's X12 835 answer to a published submission, deterministic by seed:",
                "most claims paid as Medicare pays (80% of the allowed amount less 2% sequestration CO-253, the patient's",
                "20% coinsurance PR-2, a deductible PR-1 in January), a few denied (CO-18, CO-B9, CO-97, CO-16 with",
                "remark MA130), some left unanswered. Post it with 'remit --from FILE'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:failed", "2:bad usage or no such published submission"})
class DemoRemitCommand implements Callable<Integer> {

    @Option(names = "--submission", required = true, paramLabel = "ISA13", description = "the interchange to answer (see 'submissions')")
    long submission;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "the same seed gives the same file (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--denial-rate", paramLabel = "R", defaultValue = "0.05", description = "share of claims denied (default ${DEFAULT-VALUE})")
    double denialRate;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the 835")
    Path out;

    @Override
    public Integer call() throws Exception {
        return Cli.withContext("another command is using it", context -> {
            SyntheticPayer.Answered answered = context.getBean(SyntheticPayer.class).answer(submission, seed, denialRate, out);
            System.out.println("Wrote " + answered.file() + ": " + answered.transactions() + " transaction(s), " + answered.answered()
                    + " claims answered (" + answered.paid() + " paid, " + answered.partiallyPaid() + " partially paid, " + answered.denied()
                    + " denied " + answered.denials() + "), " + answered.unanswered() + " left unanswered, paid " + answered.paidAmount().toPlainString());
            return 0;
        });
    }
}
