package org.ccm.monthend.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.ccm.monthend.cli.CommandRun;
import org.ccm.monthend.core.ExitCodes;

/**
 * The console tests' month: the October 2026 test practice imported and closed once per JVM into an in-memory H2
 * database that the test contexts of this package share (their properties name the same URL and output directory).
 */
final class ConsoleTestData {

    static final String URL = "jdbc:h2:mem:console-tests;DB_CLOSE_DELAY=-1";
    static final String OUT = "target/console-tests-out";
    static final String MONTH = "2026-10";
    private static final Path PRACTICE = Path.of("src/test/resources/close/october-2026");
    private static boolean loaded;

    private ConsoleTestData() {
    }

    static synchronized void load() throws IOException {
        if (loaded) {
            return;
        }
        Path out = Path.of(OUT);
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        List<String> settings = List.of("--spring.datasource.url=" + URL, "--ccm.output-dir=" + OUT);
        CommandRun imported = CommandRun.of(settings, "import", "--from", PRACTICE.toString());
        if (imported.exit() != ExitCodes.OK) {
            throw new IllegalStateException("import failed: " + imported.err());
        }
        CommandRun closed = CommandRun.of(settings, "close", "--month", MONTH);
        if (closed.exit() != ExitCodes.OK) {
            throw new IllegalStateException("close failed: " + closed.err());
        }
        loaded = true;
    }
}
