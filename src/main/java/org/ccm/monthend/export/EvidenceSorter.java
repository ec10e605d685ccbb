package org.ccm.monthend.export;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts the evidence file by entry_id in bounded memory: sorted runs of at most {@code runLines} lines
 * spilled to disk, then one k-way merge. The step writes evidence in patient order; the contract wants
 * entry order, and a month of ten million entries does not fit in a 512 MiB heap as strings.
 */
final class EvidenceSorter {

    private final int runLines;

    EvidenceSorter(int runLines) {
        this.runLines = runLines;
    }

    /** Sorts {@code source} (with header) into {@code target} (same header); returns the number of data rows. */
    long sort(Path source, Path target) throws IOException {
        Path runDir = Files.createTempDirectory(target.getParent(), ".evidence-runs");
        List<Path> runs = new ArrayList<>();
        String header;
        long rows = 0;
        try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
            header = in.readLine();
            List<String> run = new ArrayList<>(Math.min(runLines, 1 << 16));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                run.add(line);
                rows++;
                if (run.size() == runLines) {
                    runs.add(spill(run, runDir, runs.size()));
                    run.clear();
                }
            }
            if (!run.isEmpty() || runs.isEmpty()) {
                runs.add(spill(run, runDir, runs.size()));
            }
        }
        try {
            merge(header, runs, target);
        }
        finally {
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
            Files.deleteIfExists(runDir);
        }
        return rows;
    }

    private static Path spill(List<String> run, Path dir, int index) throws IOException {
        run.sort(BY_ENTRY_ID);
        Path file = dir.resolve("run-" + index);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : run) {
                out.write(line);
                out.write('\n');
            }
        }
        return file;
    }

    private static void merge(String header, List<Path> runs, Path target) throws IOException {
        List<BufferedReader> readers = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::line, BY_ENTRY_ID).thenComparingInt(Head::run));
            for (int i = 0; i < runs.size(); i++) {
                BufferedReader reader = Files.newBufferedReader(runs.get(i), StandardCharsets.UTF_8);
                readers.add(reader);
                String line = reader.readLine();
                if (line != null) {
                    heads.add(new Head(line, i));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                out.write(head.line());
                out.write('\n');
                String next = readers.get(head.run()).readLine();
                if (next != null) {
                    heads.add(new Head(next, head.run()));
                }
            }
        }
        finally {
            for (BufferedReader reader : readers) {
                reader.close();
            }
        }
    }

    /** Orders CSV lines by their first field (entry_id); entry ids are unique, so the order is total. */
    static final Comparator<String> BY_ENTRY_ID = Comparator.comparing(EvidenceSorter::firstField);

    static String firstField(String line) {
        if (!line.startsWith("\"")) {
            int comma = line.indexOf(',');
            return comma < 0 ? line : line.substring(0, comma);
        }
        StringBuilder field = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                }
                else {
                    break;
                }
            }
            else {
                field.append(c);
            }
        }
        return field.toString();
    }

    private record Head(String line, int run) {
    }
}
