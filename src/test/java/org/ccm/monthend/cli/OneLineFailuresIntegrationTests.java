package org.ccm.monthend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.ChildProcess;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operational failures as an operator meets them (issue 11): the product's jar classes in a child JVM with the
 * production logging configuration. Each failure is one line on the console saying what failed and what to do,
 * with the contract's exit code; the stack trace is in the log file only, or on the console with --debug.
 */
class OneLineFailuresIntegrationTests {

    @TempDir
    Path work;

    @Test
    void aDatabaseThatIsNotThereIsOneLineNamingTheServer() throws Exception {
        int port = freePort();
        ChildProcess child = run(Map.of("SPRING_PROFILES_ACTIVE", "mysql", "CCM_DB_URL", "jdbc:mysql://127.0.0.1:" + port + "/ccm",
                "CCM_DB_USER", "ccm", "CCM_DB_PASSWORD", "not-shown-anywhere"), "history");

        assertThat(child.waitFor()).as(child.output()).isEqualTo(ExitCodes.FAILED);
        assertOneLine(child, "error: cannot connect to the database at 127.0.0.1:" + port
                + " (connection refused); check that the server is running and CCM_DB_URL");
        assertThat(child.output()).doesNotContain("not-shown-anywhere");
        assertThat(log()).contains("ConnectException").contains("\tat ").doesNotContain("not-shown-anywhere");
    }

    @Test
    void withDebugTheStackTraceIsOnTheConsoleToo() throws Exception {
        int port = freePort();
        ChildProcess child = run(Map.of("SPRING_PROFILES_ACTIVE", "mysql", "CCM_DB_URL", "jdbc:mysql://127.0.0.1:" + port + "/ccm"),
                "history", "--debug");

        assertThat(child.waitFor()).as(child.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(child.output()).contains("\tat ").contains("error: cannot connect to the database at 127.0.0.1:" + port);
    }

    @Test
    void aChunkSizeOfZeroIsOneLineNamingTheSetting() throws Exception {
        ChildProcess child = run(Map.of(), "close", "--month", "2026-10", "--ccm.close.chunk-size=0");

        assertThat(child.waitFor()).as(child.output()).isEqualTo(ExitCodes.USAGE);
        assertOneLine(child, "error: setting ccm.close.chunk-size must be 1 or more, got 0");
    }

    @Test
    void anOutputDirectoryThatCannotBeWrittenIsOneLineAndNothingRuns() throws Exception {
        Path notADirectory = Files.writeString(work.resolve("a-file"), "x");
        ChildProcess child = run(notADirectory.resolve("out"), Map.of(), "close", "--month", "2026-10");

        assertThat(child.waitFor()).as(child.output()).isEqualTo(ExitCodes.USAGE);
        assertOneLine(child, "error: cannot write to the output directory " + notADirectory.resolve("out")
                + " (setting ccm.output-dir): FileSystemException: " + notADirectory.resolve("out") + ": Not a directory");
    }

    private ChildProcess run(Map<String, String> environment, String... args) throws IOException {
        return run(work.resolve("out"), environment, args);
    }

    private ChildProcess run(Path out, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(args));
        command.add("--spring.datasource.url=jdbc:h2:file:" + work.resolve("db").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE");
        command.add("--logging.file.name=" + work.resolve("ccm.log"));
        if (environment.containsKey("CCM_DB_URL")) {
            command.remove(command.size() - 2); // the mysql profile's URL comes from the environment
        }
        return ChildProcess.start(work, out, environment,
                List.of("-Dlogging.config=classpath:logback-spring.xml"), command);
    }

    private String log() throws IOException {
        return Files.readString(work.resolve("ccm.log"));
    }

    private static void assertOneLine(ChildProcess child, String line) {
        assertThat(child.output().lines().toList()).as(child.output()).containsExactly(line);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
