package org.ccm.monthend.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.demo.DemoCounts;
import org.ccm.monthend.demo.DemoData;
import org.ccm.monthend.demo.DemoDataLoader;
import org.ccm.monthend.demo.DemoSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = {"Generate a realistic synthetic practice (synthetic names, valid-format MBIs and NPIs) for trying",
                "the product and for benchmarks: most patients billable, a few percent failing each billing gate, and",
                "time entries that do not count for each reason. Same seed and arguments, same data.",
                "Into the database, or with --csv as the input CSV files (then load them with 'import --from DIR')."})
class DemoDataCommand implements Callable<Integer> {

    @Option(names = "--patients", required = true, paramLabel = "N", description = "number of patients (at least 1)")
    int patients;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM",
            description = "the service month of the time entries (a past month, to close it later)")
    String month;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--csv", paramLabel = "DIR", description = "write the CSV input files into DIR instead of the database")
    Path csv;

    @Override
    public Integer call() throws Exception {
        var serviceMonth = Cli.month(month);
        if (patients < 1) {
            throw new UsageException("--patients must be at least 1, got " + patients);
        }
        DemoSpec spec = new DemoSpec(patients, serviceMonth, seed);
        if (csv != null) {
            // no database involved: no context to start
            long started = System.nanoTime();
            DemoCounts counts = DemoData.writeCsv(spec, csv);
            System.out.println("generated into " + csv.toAbsolutePath().normalize() + ": " + counts.summary()
                    + " (" + elapsed(started) + ")");
            return ExitCodes.OK;
        }
        return Cli.withContext(context -> {
            long started = System.nanoTime();
            DemoCounts counts = context.getBean(DemoDataLoader.class).load(spec);
            System.out.println("generated into the database: " + counts.summary() + " (" + elapsed(started) + ")");
            return ExitCodes.OK;
        });
    }

    private static String elapsed(long started) {
        return String.format("%.1f s", (System.nanoTime() - started) / 1e9);
    }
}
