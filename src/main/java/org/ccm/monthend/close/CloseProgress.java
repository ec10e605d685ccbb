package org.ccm.monthend.close;

import java.time.YearMonth;

/**
 * What a close says while it runs, before its {@link CloseOutcome}: the command line prints it, a scheduler
 * or a web page may log or ignore it. Every method does nothing by default.
 */
public interface CloseProgress {

    /** Says nothing. */
    CloseProgress NONE = new CloseProgress() {
    };

    /** A first run of the month and revision starts. */
    default void starting(YearMonth month, int revision) {
    }

    /** Execution {@code executionId} was left running by a process that is gone; it is being marked failed. */
    default void recovering(long executionId, String status) {
    }

    /** Execution {@code executionId}, left {@code status}, resumes from its last checkpoint. */
    default void resuming(long executionId, String status) {
    }

    /**
     * Execution {@code executionId} failed on a transient database error ({@code cause}, without patient data) and is
     * resumed again, retry {@code attempt} of {@code retries}.
     */
    default void retrying(long executionId, String cause, int attempt, int retries) {
    }
}
