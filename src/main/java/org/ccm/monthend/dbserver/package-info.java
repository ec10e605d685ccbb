/**
 * The embedded H2 database shared between processes: {@code serve} hosts the file with H2's TCP server, and every other
 * command that finds it running connects through it (see {@link org.ccm.monthend.dbserver.EmbeddedDatabaseServer}).
 */
package org.ccm.monthend.dbserver;
