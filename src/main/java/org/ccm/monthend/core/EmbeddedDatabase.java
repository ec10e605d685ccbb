package org.ccm.monthend.core;

import java.sql.SQLException;

/** Facts about the embedded H2 database that commands act on. */
public final class EmbeddedDatabase {

    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final int ALREADY_OPEN = 90020;

    private EmbeddedDatabase() {
    }

    /**
     * Whether {@code failure} (typically the context failing to start) says that another process has the
     * embedded database file open. One process opens the file at a time; a second close is then refused
     * before it does anything, as the month lock refuses it on MySQL.
     */
    public static boolean inUseByAnotherProcess(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }
}
