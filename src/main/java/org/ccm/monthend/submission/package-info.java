/** Claims to the payer: the X12 837P 005010X222A1 interchange of ready claims (claim-lifecycle.md). */
package org.ccm.monthend.submission;
