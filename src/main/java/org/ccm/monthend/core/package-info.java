/** What every feature shares without importing another feature: exit codes, usage errors, the SQL dialect, checksums. */
package org.ccm.monthend.core;
