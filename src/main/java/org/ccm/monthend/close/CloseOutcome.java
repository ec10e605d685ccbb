package org.ccm.monthend.close;

import java.time.YearMonth;

import org.ccm.monthend.core.ExitCodes;

/**
 * What a close (or a restart) came to. The command line turns it into a line of text or a JSON document,
 * the scheduler into a log line; {@link #exitCode()} is the data contract's code for it.
 */
public sealed interface CloseOutcome {

    YearMonth month();

    int revision();

    int exitCode();

    /** Published: the files are in {@code path}. */
    record Closed(YearMonth month, int revision, long executionId, String path) implements CloseOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.OK;
        }
    }

    /**
     * This month and revision completed before ({@code executionId} null when Spring Batch refused the start itself);
     * a re-close on purpose is {@code nextRevision}.
     */
    record AlreadyClosed(YearMonth month, int revision, Long executionId, int nextRevision) implements CloseOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.ALREADY_CLOSED;
        }
    }

    /** Another process holds the month's lock; nothing was done. */
    record InProgress(YearMonth month, int revision) implements CloseOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.IN_PROGRESS;
        }
    }

    /** The revision was abandoned (by an operator): it cannot be resumed; close {@code nextRevision} instead. */
    record Abandoned(YearMonth month, int revision, long executionId, int nextRevision) implements CloseOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.USAGE;
        }
    }

    /**
     * The run ended {@code status} (FAILED, STOPPED, UNKNOWN); restartable. {@code cause} is said by
     * {@link org.ccm.monthend.core.FailureText}: no patient data; null when unknown.
     */
    record Failed(YearMonth month, int revision, long executionId, String status, String cause) implements CloseOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.FAILED;
        }
    }
}
