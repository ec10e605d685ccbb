package org.ccm.monthend.close;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * SIGTERM (systemd stop, Kubernetes eviction, Ctrl-C) ends a running close as STOPPED at the next
 * chunk boundary, so it can be restarted, and the process then exits 1 ("failed, restartable").
 * Spring Batch's own JobExecutionShutdownHook only asks the job to stop; this one also waits for the
 * stop to be recorded before the JVM goes away.
 */
@Component
class CloseShutdownHookListener implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(CloseShutdownHookListener.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectProvider<JobOperator> jobOperator;
    private final JobRepository jobRepository;
    private final ThreadLocal<Thread> hook = new ThreadLocal<>();

    CloseShutdownHookListener(ObjectProvider<JobOperator> jobOperator, JobRepository jobRepository) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        Thread thread = new Thread(() -> stop(execution), "close-shutdown-" + execution.getId());
        Runtime.getRuntime().addShutdownHook(thread);
        hook.set(thread);
    }

    @Override
    public void afterJob(JobExecution execution) {
        Thread thread = hook.get();
        hook.remove();
        if (thread != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(thread);
            }
            catch (IllegalStateException shuttingDown) {
                // the hook is already running: it will see the execution has ended
            }
        }
    }

    private void stop(JobExecution execution) {
        try {
            log.warn("Shutdown requested: stopping close execution {} at the next chunk boundary", execution.getId());
            jobOperator.getObject().stop(execution);
            Instant deadline = Instant.now().plus(STOP_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                JobExecution current = jobRepository.getJobExecution(execution.getId());
                if (current != null && !current.isRunning()) {
                    log.warn("Close execution {} ended {}; run the same close again (or restart {}) to finish it",
                            execution.getId(), current.getStatus(), execution.getId());
                    break;
                }
                Thread.sleep(200);
            }
        }
        catch (Exception ex) {
            log.warn("Could not stop close execution {} cleanly: {}", execution.getId(), ex.toString());
        }
        finally {
            // a stopped close is restartable: exit 1, not the 143 of a killed JVM
            Runtime.getRuntime().halt(BatchStatus.COMPLETED.equals(execution.getStatus()) ? 0 : 1);
        }
    }
}
