/** Commands of the executable jar (picocli) and the exit codes schedulers rely on. */
package org.ccm.monthend.cli;
