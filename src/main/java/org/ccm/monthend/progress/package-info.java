/** Progress of long runs on the console (patient-months done, rate, ETA) and optional Micrometer metrics of the batch jobs. */
package org.ccm.monthend.progress;
