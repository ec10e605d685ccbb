/** Job history for operators and auditors: the list of close and preview runs, one run in detail, and the re-check of a published export. */
package org.ccm.monthend.history;
