package org.ccm.monthend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

final class Dirs {

    private Dirs() {
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Whether the two files hold the same bytes. */
    static boolean sameContent(Path a, Path b) throws IOException {
        return Files.exists(a) && Files.exists(b) && Files.mismatch(a, b) == -1;
    }
}
