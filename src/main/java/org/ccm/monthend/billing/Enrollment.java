package org.ccm.monthend.billing;

import java.time.LocalDate;

/** A CCM enrollment; {@code enrolledTo} is the opt-out date, null while open. */
public record Enrollment(LocalDate enrolledFrom, LocalDate enrolledTo) {
}
