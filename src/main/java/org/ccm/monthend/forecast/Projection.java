package org.ccm.monthend.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The textbook CCM projection: Medicare patients x share eligible (two or more chronic conditions) x share
 * who enroll x net payment per billed patient-month, per month and per year. Plain arithmetic, no Spring.
 */
public record Projection(long medicarePatients, BigDecimal eligibleShare, BigDecimal enrollShare, BigDecimal netPerPatientMonth) {

    public Projection {
        if (medicarePatients < 0) {
            throw new IllegalArgumentException("--medicare-patients must be 0 or more, got " + medicarePatients);
        }
        requireShare("--eligible-share", eligibleShare);
        requireShare("--enroll-share", enrollShare);
        if (netPerPatientMonth.signum() < 0) {
            throw new IllegalArgumentException("--net-per-patient must be 0 or more, got " + netPerPatientMonth.toPlainString());
        }
    }

    private static void requireShare(String option, BigDecimal share) {
        if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(option + " must be a share between 0 and 1, got " + share.toPlainString());
        }
    }

    public BigDecimal eligiblePatients() {
        return BigDecimal.valueOf(medicarePatients).multiply(eligibleShare);
    }

    /** Enrolled patients, each one billed patient-month a month. */
    public BigDecimal enrolledPatients() {
        return eligiblePatients().multiply(enrollShare);
    }

    public BigDecimal perMonth() {
        return enrolledPatients().multiply(netPerPatientMonth).setScale(2, RoundingMode.HALF_UP);
    }

    public BigDecimal perYear() {
        return enrolledPatients().multiply(netPerPatientMonth).multiply(BigDecimal.valueOf(12)).setScale(2, RoundingMode.HALF_UP);
    }
}
