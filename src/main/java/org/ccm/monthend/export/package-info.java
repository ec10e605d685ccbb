/** The export of a month close: claims, exceptions, evidence and summary files, written to staging and published atomically. */
package org.ccm.monthend.export;
