package org.ccm.monthend;

import java.nio.file.Path;

import org.ccm.monthend.billing.BillingSettings;
import org.ccm.monthend.billing.DateOfServicePolicy;
import org.ccm.monthend.billing.SelectionPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The product's settings ({@code ccm.*}), documented in config/application.yml. */
@ConfigurationProperties("ccm")
public record CcmProperties(
        @DefaultValue("./out") Path outputDir,
        @DefaultValue("./config/rules") Path rulesDir,
        @DefaultValue("./config/fees/chargemaster.yml") Path chargemaster,
        @DefaultValue Billing billing,
        @DefaultValue Close close,
        @DefaultValue Submission submission) {

    /**
     * @param settings config/submission.yml: submitter, receiver, payer and envelope ids of the 837P interchanges
     * @param checkWhileWriting StAEDI checks the envelope of the interchange against its X12 control schema while
     *        writing it (about a third of the writing time at 700,000 claims; the bytes are the same either way)
     */
    public record Submission(@DefaultValue("./config/submission.yml") Path settings, @DefaultValue("false") boolean checkWhileWriting) {
    }

    public record Billing(
            @DefaultValue("HIGHEST_EXPECTED_PAYMENT") SelectionPolicy selectionPolicy,
            @DefaultValue("LAST_DAY_OF_MONTH") DateOfServicePolicy dateOfService) {

        public BillingSettings settings() {
            return new BillingSettings(selectionPolicy, dateOfService);
        }
    }

    /**
     * @param chunkSize patient-months per chunk: one transaction and one checkpoint each
     * @param transientRetries how many times a close that failed on a transient database error (dropped
     *        connection, deadlock, lock timeout) is resumed from its checkpoint before it exits 1
     * @param retryBackoff the pause before each such resume (doubled each time)
     * @param ranges how many patient ranges a close decides side by side (threads, each with its own database
     *        connections); 0 = one per processor
     * @param rangeMinPatients the fewest patients worth a range of their own: a practice smaller than twice this
     *        is closed as one range
     * @param groupedEntries on MySQL/MariaDB, let the server assemble each patient's time entries into one row
     *        (GROUP_CONCAT) instead of sending one row per entry; off by default: on an idle 2-core machine at 1M
     *        patients it made the close slower (docs/performance.md, issue 15); H2 always reads one row per entry
     */
    public record Close(
            @DefaultValue("1000") int chunkSize,
            @DefaultValue("3") int transientRetries,
            @DefaultValue("5s") java.time.Duration retryBackoff,
            @DefaultValue("0") int ranges,
            @DefaultValue("10000") int rangeMinPatients,
            @DefaultValue("false") boolean groupedEntries) {

        /** Refused at start (exit 2, one line naming the setting): a chunk of 0 patient-months would never end. */
        public Close {
            requireAtLeast("ccm.close.chunk-size", chunkSize, 1);
            requireAtLeast("ccm.close.transient-retries", transientRetries, 0);
            requireAtLeast("ccm.close.ranges", ranges, 0);
            requireAtLeast("ccm.close.range-min-patients", rangeMinPatients, 1);
            if (retryBackoff == null || retryBackoff.isNegative()) {
                throw new IllegalArgumentException("ccm.close.retry-backoff must be 0s or more, got " + retryBackoff);
            }
        }

        private static void requireAtLeast(String setting, int value, int least) {
            if (value < least) {
                throw new IllegalArgumentException(setting + " must be " + least + " or more, got " + value);
            }
        }

        /** {@link #ranges()} with 0 resolved to the number of processors. */
        public int rangesToUse() {
            return ranges > 0 ? ranges : Runtime.getRuntime().availableProcessors();
        }
    }
}
