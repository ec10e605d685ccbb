package org.ccm.monthend.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.ccm.monthend.dbserver.EmbeddedDatabaseServer;
import org.ccm.monthend.core.ExitCodes;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;

import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"The web console for auditors, billers and operators, until stopped (Ctrl-C, SIGTERM).",
                "Listens on 127.0.0.1:8080 (--server.address=..., --server.port=...; TLS with Boot's",
                "--server.ssl.* settings, see the README). Log in with a user of 'user add'; with no user",
                "it refuses to start. On the embedded database it hosts the file for the other commands",
                "(close, hold, submit... run beside it and connect through it)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:failed (database unreachable, port in use, ...)",
                "2:bad usage or configuration, no user yet", "4:the embedded database is open in another process"})
class ServeCommand implements Callable<Integer> {

    /** How long a stopping console waits for other processes (a close) connected through it to finish. */
    static final Duration DRAIN = Duration.ofSeconds(90);

    @Override
    public Integer call() throws Exception {
        String[] credentials = {"sa", ""};
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                // the JVM exits when this hook returns: let the console close and the database server drain first
                stopped.await(DRAIN.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return Cli.withWebContext("another command is using it (stop it, or start 'serve' first: then commands run beside it)",
                    context -> {
                        Environment environment = context.getEnvironment();
                        credentials[0] = environment.getProperty("spring.datasource.username", "sa");
                        credentials[1] = environment.getProperty("spring.datasource.password", "");
                        int port = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort()
                                : environment.getProperty("server.port", Integer.class, 8080);
                        boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false)
                                || environment.getProperty("server.ssl.bundle") != null
                                || environment.getProperty("server.ssl.key-store") != null
                                || environment.getProperty("server.ssl.certificate") != null;
                        String address = environment.getProperty("server.address", "127.0.0.1");
                        System.out.printf("Console on %s://%s:%d/ (stop with Ctrl-C)%n", tls ? "https" : "http",
                                address.contains(":") ? "[" + address + "]" : address, port);
                        EmbeddedDatabaseServer.hosted().ifPresent(server -> System.out.printf(
                                "Other commands reach the embedded database through it (127.0.0.1:%d) while it runs.%n", server.port()));
                        System.out.flush();
                        stop.await();
                        return ExitCodes.OK;
                    });
        }
        finally {
            try {
                EmbeddedDatabaseServer.hosted().ifPresent(server -> drainAndStop(server, credentials[0], credentials[1]));
            }
            finally {
                stopped.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                catch (IllegalStateException ex) {
                    // shutting down already: the hook is running and waits for 'stopped'
                }
            }
        }
    }

    /**
     * Stops hosting the embedded database, once the processes connected through it are done (up to {@link #DRAIN}):
     * stopping the server under them would fail their open transactions.
     */
    static void drainAndStop(EmbeddedDatabaseServer server, String user, String password) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        boolean said = false;
        while (System.nanoTime() < deadline) {
            Optional<Integer> others = otherSessions(server, user, password);
            if (others.isEmpty() || others.get() == 0) {
                break;
            }
            if (!said) {
                System.err.printf("waiting up to %d s for %d other database connection(s) (a running command) to finish%n",
                        DRAIN.toSeconds(), others.get());
                said = true;
            }
            try {
                Thread.sleep(500);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.close();
    }

    private static Optional<Integer> otherSessions(EmbeddedDatabaseServer server, String user, String password) {
        try (Connection connection = DriverManager.getConnection(server.clientUrl(), user, password);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return Optional.of(rs.getInt(1) - 1);
        }
        catch (Exception ex) {
            return Optional.empty();
        }
    }
}
