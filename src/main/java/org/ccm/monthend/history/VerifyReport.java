package org.ccm.monthend.history;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.ccm.monthend.core.ExitCodes;

/**
 * What {@code verify} found: for each published revision asked for, its checks in order. No revision means
 * nothing was published to verify.
 */
public record VerifyReport(YearMonth month, Integer revision, List<Revision> revisions) {

    public VerifyReport {
        revisions = List.copyOf(revisions);
    }

    /** One check: what was compared, whether it held, and the figures (empty when there is nothing to add). */
    public record Check(String name, boolean ok, String detail) {
    }

    /** The checks of one published revision, as month_close records it. */
    public record Revision(YearMonth month, int revision, long executionId, Path path, List<Check> checks) {

        public Revision {
            checks = List.copyOf(checks);
        }
    }

    public boolean nothingPublished() {
        return revisions.isEmpty();
    }

    public int checkCount() {
        return revisions.stream().mapToInt(r -> r.checks().size()).sum();
    }

    public int failedCount() {
        return (int) revisions.stream().flatMap(r -> r.checks().stream()).filter(c -> !c.ok()).count();
    }

    /** 0 when every check passed, 1 when any failed, 2 when nothing is published. */
    public int exitCode() {
        return nothingPublished() ? ExitCodes.USAGE : failedCount() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
