/** The CCM billing rules of ccm-rules.md: plain Java, no Spring, no I/O; a {@link org.ccm.monthend.billing.PatientMonth} in, a {@link org.ccm.monthend.billing.Decision} out. */
package org.ccm.monthend.billing;
