/** Issue 5's benchmark: generate a month on MariaDB, time a raw dump of its entries and the close side by side, and a restart after a crash. */
package org.ccm.monthend.bench;
