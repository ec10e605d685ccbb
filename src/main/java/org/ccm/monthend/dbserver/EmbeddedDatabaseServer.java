package org.ccm.monthend.dbserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ccm.monthend.core.UsageException;
import org.h2.tools.Server;

/**
 * Lets {@code serve} and the other commands use the embedded H2 file database at the same time. {@code serve} hosts
 * the file with H2's TCP server on 127.0.0.1 (a free port) and writes the port in a file beside the database
 * ({@code ./data/ccm-month-end.server}); a command that finds that file, with the process alive and the port
 * answering, connects through {@code jdbc:h2:tcp://127.0.0.1:PORT/...} instead of opening the file
 * ({@link EmbeddedServerRedirect}). Without a live {@code serve} nothing changes: the first process opens the file.
 * <p>
 * Not H2's {@code AUTO_SERVER=TRUE}: H2 refuses it together with {@code DB_CLOSE_ON_EXIT=FALSE} (which the graceful
 * stop relies on), and the process that happens to open the file first would host everyone's transactions. Here the
 * host is always the long-running {@code serve}, and it does not stop while other processes are connected (it waits
 * for them, up to a limit: {@link #close()}).
 */
public final class EmbeddedDatabaseServer implements AutoCloseable {

    /** {@code jdbc:h2:file:PATH;SETTINGS} or {@code jdbc:h2:PATH;SETTINGS} (not mem:, tcp:, ssl:, zip:...). */
    private static final Pattern FILE_URL = Pattern.compile("jdbc:h2:(?:file:)?(?!mem:|tcp:|ssl:|zip:|nio|split:|async:|retry:)([^;]+)(;.*)?");

    private static volatile EmbeddedDatabaseServer hosted;

    private final Server server;
    private final Path portFile;
    private final String clientUrl;

    private EmbeddedDatabaseServer(Server server, Path portFile, String clientUrl) {
        this.server = server;
        this.portFile = portFile;
        this.clientUrl = clientUrl;
    }

    /** The embedded file database a JDBC URL names: its path without H2's suffix, and its settings. */
    public record FileDatabase(Path path, String settings) {

        public static Optional<FileDatabase> of(String url) {
            if (url == null) {
                return Optional.empty();
            }
            Matcher m = FILE_URL.matcher(url.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new FileDatabase(Path.of(m.group(1)).toAbsolutePath().normalize(), m.group(2) == null ? "" : m.group(2)));
        }

        /** Where {@code serve} writes its port: beside the database file. */
        public Path portFile() {
            return path.resolveSibling(path.getFileName() + ".server");
        }

        String clientUrl(int port) {
            // the server's base directory is the database's directory: only databases there can be reached
            return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + path.getFileName() + settings;
        }
    }

    /** The server this process hosts, if it hosts one. */
    public static Optional<EmbeddedDatabaseServer> hosted() {
        return Optional.ofNullable(hosted);
    }

    /**
     * Starts hosting {@code database} (once per process), and returns the URL this process should connect with.
     * Refused (a usage error) when another live process already hosts it.
     */
    public static synchronized EmbeddedDatabaseServer host(FileDatabase database) {
        if (hosted != null) {
            return hosted;
        }
        Optional<String> running = runningServerUrl(database);
        if (running.isPresent()) {
            throw new UsageException("the embedded database is already served by another 'serve' (" + database.portFile()
                    + "); stop that one first");
        }
        try {
            Files.createDirectories(database.path().getParent());
            int port = freePort();
            String shutdownPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Server server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", database.path().getParent().toString(),
                    "-ifNotExists", "-tcpPassword", shutdownPassword).start();
            Properties properties = new Properties();
            properties.setProperty("port", String.valueOf(server.getPort()));
            properties.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
            Path temporary = database.portFile().resolveSibling(database.portFile().getFileName() + ".tmp");
            try (var writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "written by 'serve' while it hosts the database; removed when it stops");
            }
            try {
                Files.move(temporary, database.portFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException ex) {
                Files.move(temporary, database.portFile(), StandardCopyOption.REPLACE_EXISTING);
            }
            hosted = new EmbeddedDatabaseServer(server, database.portFile(), database.clientUrl(server.getPort()));
            return hosted;
        }
        catch (IOException | SQLException ex) {
            throw new IllegalStateException("cannot start the database server for " + database.path() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The URL of a live server hosting {@code database}: the port file exists, names a live process and a port that
     * accepts a connection. A port file left by a killed {@code serve} is ignored.
     */
    public static Optional<String> runningServerUrl(FileDatabase database) {
        Path file = database.portFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            int port = Integer.parseInt(properties.getProperty("port", "").strip());
            long pid = Long.parseLong(properties.getProperty("pid", "").strip());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && answers(port)) {
                return Optional.of(database.clientUrl(port));
            }
            return Optional.empty();
        }
        catch (IOException | NumberFormatException ex) {
            return Optional.empty();
        }
    }

    public String clientUrl() {
        return clientUrl;
    }

    public int port() {
        return server.getPort();
    }

    /** Stops hosting: removes the port file first (no new process connects), then stops the server. */
    @Override
    public synchronized void close() {
        try {
            Files.deleteIfExists(portFile);
        }
        catch (IOException ex) {
            // the next command sees no live process behind it and opens the file
        }
        server.stop();
        hosted = null;
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
