package org.ccm.monthend.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The product's jar in a child JVM, run as an operator runs it: database credentials in the environment
 * (config/application-mysql.yml), the repo root as working directory (./config). While it runs, its peak RSS
 * and CPU time are read from /proc; its output goes to a log file, and its progress lines to our console.
 */
final class ChildJvm {

    /** Output lines worth showing while the benchmark waits: progress, results and errors. */
    private static final Pattern SHOWN = Pattern.compile(
            "^\\[.*\\] \\w+: .*patient-months|^generated |^Closed|^Closing|^Resuming|recovering it|error|Exception", Pattern.CASE_INSENSITIVE);

    private final Path java;
    private final Path jar;
    private final Path workingDir;
    private final Map<String, String> environment;

    ChildJvm(Path jar, Path workingDir, Map<String, String> environment) {
        this(Path.of(System.getProperty("java.home"), "bin", "java"), jar, workingDir, environment);
    }

    /** @param java the java that runs the jar (another JDK than the benchmark's) */
    ChildJvm(Path java, Path jar, Path workingDir, Map<String, String> environment) {
        this.java = java;
        this.jar = jar;
        this.workingDir = workingDir;
        this.environment = Map.copyOf(environment);
    }

    /** The same java and environment, another jar (the jar unpacked for a CDS archive or an AOT cache). */
    ChildJvm withJar(Path otherJar) {
        return new ChildJvm(java, otherJar, workingDir, environment);
    }

    /** Runs to the end. */
    Result run(String name, List<String> jvmOptions, List<String> args, Path log) throws Exception {
        return run(name, jvmOptions, args, log, KillSwitch.NEVER);
    }

    /**
     * Runs until it ends or until {@code killWhen} says so (polled every 20 ms), then SIGKILL: no shutdown hook
     * runs, as when a machine loses power.
     */
    Result run(String name, List<String> jvmOptions, List<String> args, Path log, KillSwitch killWhen) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // only the benchmark's database: no inherited datasource setting may point the child elsewhere
        env.keySet().removeIf(key -> key.startsWith("SPRING_DATASOURCE_") || key.startsWith("CCM_DB_"));
        env.putAll(environment);

        System.out.println("  $ " + name + ": java " + String.join(" ", jvmOptions) + " -jar " + jar.getFileName() + " "
                + String.join(" ", args));
        long started = System.nanoTime();
        Process process = builder.start();
        Thread output = copyOutput(process, log);
        long peakRssKib = -1;
        double cpuSeconds = -1;
        boolean killed = false;
        long pollMillis = killWhen == KillSwitch.NEVER ? 200 : 20;
        while (!process.waitFor(pollMillis, TimeUnit.MILLISECONDS)) {
            // VmHWM is the kernel's own high-water mark: a late poll loses nothing but the last few milliseconds
            peakRssKib = Math.max(peakRssKib, Proc.peakRssKib(process.pid()));
            cpuSeconds = Math.max(cpuSeconds, Proc.cpuSeconds(process.pid()));
            if (!killed && killWhen.now()) {
                process.destroyForcibly();
                killed = true;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        output.join();
        return new Result(name, process.exitValue(), seconds, peakRssKib, cpuSeconds, killed, log);
    }

    /** Copies the child's output to {@code log} and shows the interesting lines on our console. */
    private static Thread copyOutput(Process process, Path log) {
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.println(line);
                    if (SHOWN.matcher(line).find()) {
                        System.out.println("    " + line);
                    }
                }
            }
            catch (IOException ex) {
                System.out.println("    (output of the child lost: " + ex + ")");
            }
        }, "child-output");
        copier.setDaemon(true);
        copier.start();
        return copier;
    }

    @FunctionalInterface
    interface KillSwitch {

        KillSwitch NEVER = () -> false;

        boolean now() throws Exception;
    }

    /**
     * @param peakRssKib the child's peak resident set size (VmHWM), -1 if never read
     * @param cpuSeconds user + system CPU of the child, as last read before it ended (at most 200 ms short)
     * @param killed whether we killed it
     */
    record Result(String name, int exitCode, double seconds, long peakRssKib, double cpuSeconds, boolean killed, Path log) {

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                return "(no output: " + ex + ")";
            }
        }

        Result requireExit(int expected) {
            if (exitCode != expected) {
                throw new IllegalStateException(name + " exited " + exitCode + " (expected " + expected + "); its output, "
                        + log + ":\n" + output());
            }
            return this;
        }
    }
}
