package org.ccm.monthend;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;


/**
 * The product's main class in a child JVM of the test's class path, from the project directory (./config), with
 * its output in a log file: the process-level tests kill it, stop it with SIGTERM or run two at once.
 */
public record ChildProcess(Process process, Path log) {

    /**
     * @param environment added to the child's (database credentials, as in production)
     * @param args the command and its options; {@code --ccm.output-dir=out} is added
     */
    public static ChildProcess start(Path logDir, Path out, Map<String, String> environment, List<String> args) throws IOException {
        return start(logDir, out, environment, List.of(), args);
    }

    /** @param jvmOptions before the main class, e.g. -Dlogging.config=classpath:logback-spring.xml (production logging) */
    public static ChildProcess start(Path logDir, Path out, Map<String, String> environment, List<String> jvmOptions,
            List<String> args) throws IOException {
        Path log = Files.createTempFile(logDir, "child", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CcmMonthEndApplication.class.getName()));
        command.addAll(args);
        command.add("--ccm.output-dir=" + out);
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ChildProcess(builder.start(), log);
    }

    public int waitFor() throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("child did not finish: " + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(log);
        }
        catch (IOException ex) {
            return "(no output: " + ex + ")";
        }
    }
}
