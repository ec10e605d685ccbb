package org.ccm.monthend.web;

import java.time.YearMonth;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.close.CloseOutcome;
import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.core.FailureText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Starts a close from the console on a thread of its own (the page returns at once; the executions page shows it
 * running): through {@link MonthCloseLauncher}, which puts CLOSE_STARTED on the audit log with the user's name when the
 * execution starts, and refuses a second close of the month (the month lock) as on the command line.
 */
@Component
@ConditionalOnWebApplication
class CloseStarter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CloseStarter.class);

    private final MonthCloseLauncher launcher;
    private final ExecutorService closes = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "console-close");
        thread.setDaemon(false);
        return thread;
    });

    CloseStarter(MonthCloseLauncher launcher) {
        this.launcher = launcher;
    }

    void start(YearMonth month, String actor) {
        closes.submit(() -> {
            try {
                CloseOutcome outcome = launcher.close(month, 1, CloseProgress.NONE, actor, AuditEntry.CONSOLE);
                log.info("close of {} started from the console by {}: {}", month, actor, outcome.getClass().getSimpleName());
            }
            catch (Exception ex) {
                log.error("close of {} started from the console failed: {}", month, FailureText.of(ex));
            }
        });
    }

    @Override
    public void destroy() {
        closes.shutdown();
    }
}
