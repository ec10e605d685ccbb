package org.ccm.monthend.core;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database the application cannot reach or log in to, said in one line that names the server (host and port,
 * never the user or a password) and the setting to check, with the exit code of the data contract: 1 when a
 * rerun can fix it (the server is down or unreachable), 2 when a setting must change (wrong host, login refused,
 * no such database).
 */
public record DatabaseConnectionProblem(String message, int exitCode) {

    /** {@code jdbc:mysql://host:port/db?...} and {@code jdbc:mariadb://...}: the server part. */
    private static final Pattern SERVER = Pattern.compile("^jdbc:\\w+://([^/?;]+)(?:/([^?;]*))?");
    private static final Pattern FILE = Pattern.compile("^jdbc:h2:(?:file:)?([^;]+)");

    private static final int MYSQL_ACCESS_DENIED = 1045;
    private static final int MYSQL_UNKNOWN_DATABASE = 1049;

    /** What went wrong connecting to the database at {@code url}, if that is what {@code failure} is. */
    public static Optional<DatabaseConnectionProblem> of(Throwable failure, String url) {
        String where = where(url);
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return Optional.of(new DatabaseConnectionProblem("cannot connect to the database at " + where + " ("
                        + (cause instanceof ConnectException ? "connection refused" : "no route to host")
                        + "); check that the server is running and CCM_DB_URL", ExitCodes.FAILED));
            }
            if (cause instanceof SocketTimeoutException) {
                return Optional.of(new DatabaseConnectionProblem("cannot connect to the database at " + where
                        + " (timed out); check the network and CCM_DB_URL", ExitCodes.FAILED));
            }
            if (cause instanceof UnknownHostException) {
                return Optional.of(new DatabaseConnectionProblem("cannot connect to the database at " + where
                        + " (unknown host); check CCM_DB_URL", ExitCodes.USAGE));
            }
            if (cause instanceof SQLException sql) {
                if (sql.getErrorCode() == MYSQL_ACCESS_DENIED || "28000".equals(sql.getSQLState())) {
                    return Optional.of(new DatabaseConnectionProblem("the database at " + where
                            + " refused the login (access denied); check CCM_DB_USER and CCM_DB_PASSWORD", ExitCodes.USAGE));
                }
                if (sql.getErrorCode() == MYSQL_UNKNOWN_DATABASE) {
                    return Optional.of(new DatabaseConnectionProblem("the server at " + where + " has no database '"
                            + database(url) + "'; create it (README, MySQL) or check CCM_DB_URL", ExitCodes.USAGE));
                }
            }
        }
        return Optional.empty();
    }

    /** host:port of a server URL, or the file of the embedded database; never credentials or parameters. */
    static String where(String url) {
        if (url == null) {
            return "(no spring.datasource.url)";
        }
        Matcher server = SERVER.matcher(url);
        if (server.find()) {
            String host = server.group(1);
            int at = host.lastIndexOf('@');
            return at < 0 ? host : host.substring(at + 1);
        }
        Matcher file = FILE.matcher(url);
        return file.find() ? "embedded " + file.group(1) : "(the configured URL)";
    }

    private static String database(String url) {
        Matcher server = url == null ? null : SERVER.matcher(url);
        return server != null && server.find() && server.group(2) != null ? server.group(2) : "";
    }
}
