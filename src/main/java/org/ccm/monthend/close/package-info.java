/** The month-close job (prepare, decide patient-months, publish), its launch with the one-run-per-month lock, and restart. */
package org.ccm.monthend.close;
