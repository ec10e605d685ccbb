package org.ccm.monthend.demo;

import java.time.YearMonth;
import java.util.Objects;

/**
 * What to generate: the same spec always gives the same rows.
 *
 * @param patients how many patients (at least 1); the care team and the time entries scale with it
 * @param month the service month the time entries, attestations and services fall in
 * @param seed the random seed (the command's default is 42)
 */
public record DemoSpec(int patients, YearMonth month, long seed) {

    public static final long DEFAULT_SEED = 42;

    public DemoSpec {
        if (patients < 1) {
            throw new IllegalArgumentException("patients must be at least 1, got " + patients);
        }
        Objects.requireNonNull(month, "month");
    }
}
