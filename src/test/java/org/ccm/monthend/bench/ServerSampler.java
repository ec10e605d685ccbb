package org.ccm.monthend.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the server's process list every half second while the close runs: which of the close's statements
 * are executing, in which state. A cursor the server is still computing shows as busy; a streaming cursor
 * whose client does not read fast enough waits with its result half sent.
 */
final class ServerSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 500;

    private final Connection connection;
    private final String database;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int samples;

    ServerSampler(BenchServer server, String database) throws SQLException {
        this.connection = server.connect(database);
        this.database = database;
        this.thread = new Thread(this::sampleUntilClosed, "server-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleUntilClosed() {
        try (PreparedStatement list = connection.prepareStatement("""
                SELECT COMMAND, STATE, INFO FROM information_schema.PROCESSLIST
                 WHERE DB = ? AND ID <> CONNECTION_ID() AND COMMAND <> 'Sleep'""")) {
            list.setString(1, database);
            while (running) {
                try (ResultSet rows = list.executeQuery()) {
                    while (rows.next()) {
                        counts.merge(rows.getString(1) + " / " + rows.getString(2) + " / " + statement(rows.getString(3)), 1,
                                Integer::sum);
                    }
                }
                samples++;
                Thread.sleep(INTERVAL_MILLIS);
            }
        }
        catch (SQLException | InterruptedException ex) {
            counts.merge("(sampling stopped: " + ex.getMessage() + ")", 1, Integer::sum);
        }
    }

    /** The statement, short: whitespace collapsed, its first words (enough to tell the month reader's cursors apart). */
    private static String statement(String sql) {
        if (sql == null) {
            return "-";
        }
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= 90 ? flat : flat.substring(0, 90) + "...";
    }

    int samples() {
        return samples;
    }

    /** Command / state / statement, with how many samples saw it, most seen first. */
    List<Map.Entry<String, Integer>> busiest(int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        running = false;
        thread.join(5_000);
        connection.close();
    }
}
