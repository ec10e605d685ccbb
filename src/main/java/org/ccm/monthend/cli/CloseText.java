package org.ccm.monthend.cli;

import java.io.PrintStream;
import java.time.YearMonth;

import org.ccm.monthend.close.CloseOutcome;
import org.ccm.monthend.close.CloseProgress;

/** A close's progress and outcome as the console shows them, or as one JSON document ({@code --json}). */
final class CloseText {

    private CloseText() {
    }

    /** Progress lines: on {@code out}, or on stderr when stdout carries the JSON document. */
    static CloseProgress progress(PrintStream out, PrintStream err) {
        return new CloseProgress() {
            @Override
            public void starting(YearMonth month, int revision) {
                out.println("Closing " + month + " (revision " + revision + ")");
            }

            @Override
            public void recovering(long executionId, String status) {
                out.println("Execution " + executionId + " was left " + status + " by a process that is gone; recovering it");
            }

            @Override
            public void resuming(long executionId, String status) {
                out.println("Resuming execution " + executionId + " (" + status + ") where it stopped");
            }

            @Override
            public void retrying(long executionId, String cause, int attempt, int retries) {
                err.println("warning: transient database error in execution " + executionId + " (" + cause + "); resuming, retry "
                        + attempt + " of " + retries);
            }
        };
    }

    /** Prints the outcome (the result on {@code out}, a refusal or failure on {@code err}); returns its exit code. */
    static int print(CloseOutcome outcome, PrintStream out, PrintStream err) {
        // Java 17: no patterns in switch; the interface is sealed, so the last case is Failed
        if (outcome instanceof CloseOutcome.Closed closed) {
            out.println("Closed: execution " + closed.executionId() + ", files in " + closed.path());
        }
        else if (outcome instanceof CloseOutcome.AlreadyClosed done) {
            err.println(done.executionId() == null ? "error: month " + done.month() + " revision " + done.revision() + " is already closed"
                    : "error: " + done.month() + " is already closed (revision " + done.revision() + ", execution " + done.executionId()
                            + "). To re-close on purpose, close a new revision, which bills only patient-months no revision has billed: "
                            + "close --month " + done.month() + " --revision " + done.nextRevision());
        }
        else if (outcome instanceof CloseOutcome.InProgress busy) {
            err.println("error: another close of " + busy.month() + " is in progress (lock held by a live process); nothing was done");
        }
        else if (outcome instanceof CloseOutcome.Abandoned abandoned) {
            err.println("error: close of " + abandoned.month() + " revision " + abandoned.revision() + " was abandoned (execution "
                    + abandoned.executionId() + "); close a new revision: close --month " + abandoned.month() + " --revision "
                    + abandoned.nextRevision());
        }
        else if (outcome instanceof CloseOutcome.Failed failed) {
            err.println("error: close execution " + failed.executionId() + " ended " + failed.status()
                    + (failed.cause() == null || failed.cause().isBlank() ? "" : " (" + Json.firstLine(failed.cause()) + ")")
                    + "; run the same close again, or 'restart " + failed.executionId() + "', to finish it");
        }
        return outcome.exitCode();
    }

    /** The outcome as JSON: {@code outcome} names the case, the other fields are those of the case. */
    record View(String outcome, String month, int revision, Long executionId, String path, String status, String cause,
            Integer nextRevision, int exitCode) {

        static View of(CloseOutcome outcome) {
            String month = outcome.month().toString();
            if (outcome instanceof CloseOutcome.Closed c) {
                return new View("closed", month, c.revision(), c.executionId(), c.path(), "COMPLETED", null, null, c.exitCode());
            }
            if (outcome instanceof CloseOutcome.AlreadyClosed c) {
                return new View("already_closed", month, c.revision(), c.executionId(), null, null, null, c.nextRevision(), c.exitCode());
            }
            if (outcome instanceof CloseOutcome.InProgress c) {
                return new View("in_progress", month, c.revision(), null, null, null, null, null, c.exitCode());
            }
            if (outcome instanceof CloseOutcome.Abandoned c) {
                return new View("abandoned", month, c.revision(), c.executionId(), null, "ABANDONED", null, c.nextRevision(), c.exitCode());
            }
            CloseOutcome.Failed c = (CloseOutcome.Failed) outcome;
            return new View("failed", month, c.revision(), c.executionId(), null, c.status(), c.cause(), null, c.exitCode());
        }
    }
}
