package org.ccm.monthend.core;

/** Exit codes of the data contract: what cron, systemd and Kubernetes act on. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** Failed; restartable with {@code restart} or by running the same {@code close} again. */
    public static final int FAILED = 1;
    /** Bad usage or bad configuration. */
    public static final int USAGE = 2;
    /** Refused: the month is already closed. */
    public static final int ALREADY_CLOSED = 3;
    /** Refused: another run of the same month is in progress. */
    public static final int IN_PROGRESS = 4;

    private ExitCodes() {
    }
}
