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

    /**
     * Sorts the rows of {@code sources} (each with the same header) into {@code target} (that header once); returns
     * the number of data rows. Sources already in entry order one after the other (entry ids issued patient by
     * patient, the sources in patient ranges) are concatenated, not sorted.
     */
    long sort(List<Path> sources, Path target) throws IOException {
        long sortedRows = rowsIfSorted(sources);
        if (sortedRows >= 0) {
            ExportPublisher.concatenate(sources, target);
            return sortedRows;
        }
        Path runDir = Files.createTempDirectory(target.getParent(), ".evidence-runs");
        List<Path> runs = new ArrayList<>();
        String header = null;
        long rows = 0;
        List<Keyed> run = new ArrayList<>(Math.min(runLines, 1 << 16));
        for (Path source : sources) {
            try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
                String sourceHeader = in.readLine();
                header = header == null ? sourceHeader : header;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    run.add(new Keyed(firstField(line), line));
                    rows++;
                    if (run.size() == runLines) {
                        runs.add(spill(run, runDir, runs.size()));
                        run.clear();
                    }
                }
            }
        }
        if (!run.isEmpty() || runs.isEmpty()) {
            runs.add(spill(run, runDir, runs.size()));
        }
        try {
            merge(header, runs, target);
        }
        finally {
            for (Path spilled : runs) {
                Files.deleteIfExists(spilled);
            }
            Files.deleteIfExists(runDir);
        }
        return rows;
    }

    /** The number of data rows when every entry id, source after source, is greater than the one before; or -1. */
    private static long rowsIfSorted(List<Path> sources) throws IOException {
        long rows = 0;
        String previous = null;
        for (Path source : sources) {
            try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
                in.readLine();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String key = firstField(line);
                    if (previous != null && previous.compareTo(key) >= 0) {
                        return -1;
                    }
                    previous = key;
                    rows++;
                }
            }
        }
        return rows;
    }

    private static Path spill(List<Keyed> run, Path dir, int index) throws IOException {
        // the key is extracted once per line, not once per comparison
        Keyed[] sorted = run.toArray(Keyed[]::new);
        java.util.Arrays.parallelSort(sorted, Comparator.comparing(Keyed::key));
        Path file = dir.resolve("run-" + index);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Keyed keyed : sorted) {
                out.write(keyed.line());
                out.write('\n');
            }
        }
        return file;
    }

    private record Keyed(String key, String line) {
    }

    private static void merge(String header, List<Path> runs, Path target) throws IOException {
        List<BufferedReader> readers = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::key).thenComparingInt(Head::run));
            for (int i = 0; i < runs.size(); i++) {
                BufferedReader reader = Files.newBufferedReader(runs.get(i), StandardCharsets.UTF_8);
                readers.add(reader);
                String line = reader.readLine();
                if (line != null) {
                    heads.add(new Head(firstField(line), line, i));
                }
            }
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                out.write(head.line());
                out.write('\n');
                String next = readers.get(head.run()).readLine();
                if (next != null) {
                    heads.add(new Head(firstField(next), next, head.run()));
                }
            }
        }
        finally {
            for (BufferedReader reader : readers) {
                reader.close();
            }
        }
    }

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

    private record Head(String key, String line, int run) {
    }
}
