/** What every feature shares without importing another feature: exit codes, usage errors, the SQL dialect, checksums, failure text without patient data. */
package org.ccm.monthend.core;
