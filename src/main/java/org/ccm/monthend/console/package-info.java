/**
 * What the web console shows on its claim side, as records: the months, a month, its claims, one claim with the
 * minutes behind it, its exceptions. Read-only queries over the tables and the published files (indexed, paged, a
 * sorted file searched by bisection: no page reads a month into memory). Web-independent; no feature imports it.
 */
package org.ccm.monthend.console;
