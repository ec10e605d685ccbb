/**
 * Receivables (issue 13): per service month what was decided, held, ready, submitted, answered and how (paid,
 * partially paid, denied, reversed), what is still outstanding, the money (paid, patient responsibility,
 * sequestration, provider-level adjustments), denials by group and CARC, remark codes (RARC) and the variances
 * between the allowed amount and the claim's expected payment. Read from the tables the close, submit and remit write.
 */
package org.ccm.monthend.receivables;
