package org.ccm.monthend.submission;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.core.ExitCodes;

/** What a {@code submit} came to; the command line turns it into text or JSON, {@link #exitCode()} is the contract's. */
public sealed interface SubmitOutcome {

    int exitCode();

    /**
     * Interchanges published by this run (one finished from an earlier run's record first, when that run died), and
     * the claims that could not be carried, with why (they stay DECIDED).
     */
    record Submitted(List<Published> interchanges, Path rejectsFile, long rejected) implements SubmitOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.OK;
        }
    }

    /** Another submit holds the lock; nothing was done. */
    record InProgress() implements SubmitOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.IN_PROGRESS;
        }
    }

    /**
     * One published interchange.
     *
     * @param finished true when an earlier submit recorded it and died before publishing: the same bytes, now in place
     * @param practices claims per billing provider (practice id)
     */
    record Published(long isa13, Path directory, long claims, long lines, BigDecimal totalCharge, Map<String, Long> practices,
            String sha256, boolean finished) {
    }
}
