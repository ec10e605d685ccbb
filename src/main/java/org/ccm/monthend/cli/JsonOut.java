package org.ccm.monthend.cli;

import java.io.PrintStream;

/**
 * {@code --json}: stdout carries the one JSON document and nothing else. While open, System.out is stderr, so
 * every other line (progress, the log's console appender, a library's output) goes there; {@link #print} writes
 * the document to the real stdout. Without {@code --json} it changes nothing.
 */
final class JsonOut implements AutoCloseable {

    private final PrintStream stdout;
    private final boolean json;

    private JsonOut(PrintStream stdout, boolean json) {
        this.stdout = stdout;
        this.json = json;
    }

    static JsonOut when(boolean json) {
        PrintStream stdout = System.out;
        if (json) {
            System.out.flush();
            System.setOut(System.err);
        }
        return new JsonOut(stdout, json);
    }

    boolean json() {
        return json;
    }

    /** The document on the real stdout (only in {@code --json} mode; otherwise nothing). */
    void print(Object document) {
        if (json) {
            Json.print(document, stdout);
        }
    }

    @Override
    public void close() {
        if (json) {
            System.setOut(stdout);
        }
    }
}
