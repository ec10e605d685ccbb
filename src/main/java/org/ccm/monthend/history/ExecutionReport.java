package org.ccm.monthend.history;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One execution as {@code show} gives it: its state, parameters, steps, the rule set it decided with, and what
 * it published with the state of each file now. {@code message} is the first line of the exit message (empty when
 * none); {@code instanceExecutions} lists every execution of the job instance; {@code ruleSet} and
 * {@code published} are null when absent.
 */
public record ExecutionReport(long executionId, String job, long jobInstanceId, String status, String exitCode, LocalDateTime start,
        LocalDateTime end, Duration duration, boolean running, String message, List<Long> instanceExecutions, boolean latest,
        List<Parameter> parameters, List<Step> steps, RuleSet ruleSet, Publication published) {

    public record Parameter(String name, String value, boolean identifying) {
    }

    public record Step(String name, String status, long read, long write, long filter, long commit, long rollback, String exitCode,
            String message) {
    }

    /** Either may be null when the context records only the other. */
    public record RuleSet(String id, String sha256) {
    }

    /**
     * Where the execution published. {@code monthClose} is null for a preview, and for a close without a month_close row
     * ({@code monthCloseRow} false); {@code files} is null when the summary is missing or unreadable.
     */
    public record Publication(Path path, String summaryFile, boolean preview, boolean monthCloseRow, MonthClose monthClose,
            List<FileState> files, String month, Long revision) {
    }

    /** The month_close row and whether summary.json still has the SHA-256 it recorded. */
    public record MonthClose(String month, long revision, String summarySha256, FileState.State state, String now) {
    }

    /** A published file: what the summary recorded ({@code bytes} -1 when not) and what it is now. */
    public record FileState(String name, String sha256, long bytes, State state, String now) {

        /** UNCHECKED: listed with what was recorded, its checksum not computed ({@code ExecutionDetails.details(id, false)}). */
        public enum State { OK, CHANGED, MISSING, UNCHECKED }

        /** OK, MISSING, UNCHECKED, or CHANGED with what changed: "CHANGED (size 12)", "CHANGED (sha256 now ...)". */
        public String stateText() {
            return state == State.CHANGED ? "CHANGED (" + now + ")" : state.name();
        }

        public boolean unchecked() {
            return state == State.UNCHECKED;
        }
    }
}
