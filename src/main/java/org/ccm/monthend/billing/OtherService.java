package org.ccm.monthend.billing;

import java.time.LocalDate;

/** A service billed outside this product (by us or by another practitioner). */
public record OtherService(LocalDate serviceDate, String cpt, String billingNpi) {
}
