package org.ccm.monthend.billing;

import java.time.LocalDate;

/** An inpatient or SNF stay; both the admit and the discharge day are inside it. Null discharge = still in. */
public record InpatientStay(LocalDate admitDate, LocalDate dischargeDate) {
}
