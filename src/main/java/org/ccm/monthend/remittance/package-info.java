/**
 * The payer's answer (issue 13): X12 835 005010X221A1 remittances read, checked for balance, posted against the
 * claims that went out ({@link org.ccm.monthend.remittance.RemittancePoster}), read back
 * ({@link org.ccm.monthend.remittance.Remittances}), and a synthetic payer that answers a submission
 * ({@link org.ccm.monthend.remittance.SyntheticPayer}).
 */
package org.ccm.monthend.remittance;
