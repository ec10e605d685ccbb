/** The long-running 'scheduler' mode: fires the nightly preview and the monthly close from cron settings, once per occurrence across instances. */
package org.ccm.monthend.scheduler;
