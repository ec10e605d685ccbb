package org.ccm.monthend.billing;

import java.time.LocalDate;

/** A service billed outside this product (by us or by another practitioner). */
public record OtherService(LocalDate serviceDate, String cpt, String billingNpi) {

    /** Where these services come from (data-contract.md), named in a not-billed detail so a reader knows where to look. */
    public static final String SOURCE = "other_services.csv";
}
