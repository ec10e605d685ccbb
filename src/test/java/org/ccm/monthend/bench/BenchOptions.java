package org.ccm.monthend.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The benchmark's command line (jobs/bench.sh passes --jar, --home and --work; a user passes the rest).
 *
 * @param patients how many patients demo-data generates; about ten time entries each
 * @param month the service month (it must have ended: the close refuses a month in progress)
 * @param restart whether to also measure a restart after a crash at 90% of the decide step
 * @param profile whether to close once more, under JFR, and print where its samples fall (the timed close runs without it)
 * @param bufferPool innodb-buffer-pool-size, large enough that the month is read from memory
 * @param tls whether the product connects with TLS (CCM_DB_SSL_MODE=PREFERRED, the default in production); without
 *        it the benchmark sets DISABLED, as the plain dump it compares with runs over the server's socket without TLS
 * @param reuse whether to keep the generated database for the next run, and use the one a previous run kept
 *        when it was generated for the same patients and month (skips the generation: minutes at 1M patients)
 * @param quick whether to time the plain dump only, once after one warm-up (for trying changes; the full protocol
 *        times three dumps, best of two each)
 * @param cds whether the closes start from a class data sharing archive (CCM_CDS=1 in jobs/)
 * @param aot whether the closes run on a JDK 25 from the AOT cache jobs/aot-train.sh makes (CCM_AOT=1 in jobs/)
 * @param productJava the java the product's JVMs run on (the benchmark's own when null); with --aot, the JDK 25
 * @param jvmArgs more options for the product's JVMs, after -Xmx512m (e.g. a GC)
 * @param closeArgs more arguments for every close (e.g. --ccm.close.ranges=4)
 * @param jar the product's executable jar
 * @param home the working directory of the product's JVMs (the repo root: it holds config/)
 * @param work scratch directory for the database, the exports and the logs; emptied at start
 */
record BenchOptions(int patients, YearMonth month, boolean restart, boolean profile, String bufferPool, boolean tls, boolean reuse, boolean quick, boolean cds,
        boolean aot, Path productJava, List<String> jvmArgs, List<String> closeArgs, Path jar,
        Path home, Path work) {

    static final String USAGE = """
            usage: jobs/bench.sh [--patients N] [--month YYYY-MM] [--skip-restart] [--profile] [--buffer-pool SIZE] [--tls] [--reuse] [--quick] [--cds]
                                 [--aot] [--product-java JAVA] [--jvm-arg OPTION]... [--close-arg ARGUMENT]...
              --patients N       patients to generate (default 100000; about 10 entries each: 1000000 gives the 10M month)
              --month YYYY-MM    service month (default: the previous calendar month)
              --skip-restart     do not measure the restart after a crash at 90%
              --profile          then close once more under JFR (settings=profile) and print where its samples fall
              --buffer-pool SIZE innodb-buffer-pool-size of the benchmark's server (default 4G)
              --tls              the product connects with TLS (CCM_DB_SSL_MODE=PREFERRED, as in production);
                                 default DISABLED, like the plain dump it is compared with (over the socket)
              --reuse            keep the generated database, and measure on the kept one when it has the same
                                 --patients and --month (no generation: the generate line is then not measured)
              --quick            time the plain dump only, once after a warm-up (to try changes quickly)
              --cds              the closes start from a class data sharing archive, as jobs/ runs them with CCM_CDS=1
              --aot              the closes run on a JDK 25 from the AOT cache jobs/aot-train.sh makes, as jobs/ runs
                                 them with CCM_AOT=1 (the JDK: --product-java, else CCM_AOT_JAVA, else Temurin 25)
              --product-java JAVA the product's JVMs run on this java (e.g. a JDK 25 without the cache, to compare)
              --jvm-arg OPTION   one more option for the product's JVMs (after -Xmx512m); repeatable
              --close-arg ARG    one more argument for every close, e.g. --ccm.close.ranges=4; repeatable""";

    static BenchOptions parse(String... args) {
        int patients = 100_000;
        YearMonth month = YearMonth.now().minusMonths(1);
        boolean restart = true;
        boolean profile = false;
        String bufferPool = "4G";
        boolean tls = false;
        boolean reuse = false;
        boolean quick = false;
        boolean cds = false;
        boolean aot = false;
        Path productJava = null;
        List<String> jvmArgs = new java.util.ArrayList<>();
        List<String> closeArgs = new java.util.ArrayList<>();
        Path jar = Path.of("target", "ccm-month-end.jar");
        Path home = Path.of("");
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "bench-ccm-month-end");
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--patients" -> patients = positive(option, value(option, rest));
                case "--month" -> month = month(value(option, rest));
                case "--skip-restart" -> restart = false;
                case "--profile" -> profile = true;
                case "--buffer-pool" -> bufferPool = value(option, rest);
                case "--tls" -> tls = true;
                case "--reuse" -> reuse = true;
                case "--quick" -> quick = true;
                case "--cds" -> cds = true;
                case "--aot" -> aot = true;
                case "--product-java" -> productJava = Path.of(value(option, rest));
                case "--jvm-arg" -> jvmArgs.add(value(option, rest));
                case "--close-arg" -> closeArgs.add(value(option, rest));
                case "--jar" -> jar = Path.of(value(option, rest));
                case "--home" -> home = Path.of(value(option, rest));
                case "--work" -> work = Path.of(value(option, rest));
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no jar at " + jar.toAbsolutePath() + " (build it: ./mvnw -DskipTests package)");
        }
        if (aot && cds) {
            throw new IllegalArgumentException("--aot and --cds are two ways to start: choose one\n" + USAGE);
        }
        if (aot && productJava == null) {
            String configured = System.getenv("CCM_AOT_JAVA");
            productJava = Path.of(configured != null && !configured.isBlank() ? configured
                    : "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        }
        if (productJava != null && !Files.isExecutable(productJava)) {
            throw new IllegalArgumentException("no java at " + productJava + " (--product-java or CCM_AOT_JAVA)");
        }
        return new BenchOptions(patients, month, restart, profile, bufferPool, tls, reuse, quick, cds, aot, productJava,
                List.copyOf(jvmArgs),
                List.copyOf(closeArgs), jar.toAbsolutePath(),
                home.toAbsolutePath(), work.toAbsolutePath());
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return rest.pop();
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n >= 1) {
                return n;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive number, got " + value);
    }

    private static YearMonth month(String value) {
        try {
            return YearMonth.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("--month must be YYYY-MM, got " + value);
        }
    }
}
