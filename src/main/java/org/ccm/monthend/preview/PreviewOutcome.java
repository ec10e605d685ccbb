package org.ccm.monthend.preview;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import org.ccm.monthend.core.ExitCodes;

/** What a preview came to; the command line and the scheduler say it, {@link #exitCode()} is the contract's. */
public sealed interface PreviewOutcome {

    YearMonth month();

    int exitCode();

    /** Published in {@code directory}, with the summary's headline figures. */
    record Previewed(YearMonth month, LocalDate today, long executionId, Path directory, long patientMonths, String reachable,
            long atRisk, String blockedByGate, BigDecimal expectedPaymentReachable) implements PreviewOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.OK;
        }
    }

    /** A preview of the month already ran in the same second ({@code directory} null when Spring Batch refused it). */
    record AlreadyRan(YearMonth month, Instant runAt, Path directory) implements PreviewOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.IN_PROGRESS;
        }
    }

    /** The run ended {@code status}; {@code cause} without patient data, null when unknown. */
    record Failed(YearMonth month, long executionId, String status, String cause) implements PreviewOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.FAILED;
        }
    }
}
