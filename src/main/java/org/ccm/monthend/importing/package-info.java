/** CSV input files of the data contract into the business tables: validation, idempotent upserts, rejects and the import report. */
package org.ccm.monthend.importing;
