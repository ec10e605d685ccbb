/** Reading one month of time entries and patient facts as a stream of patient-months, in patient order, restartable. */
package org.ccm.monthend.extract;
