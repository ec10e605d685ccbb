package org.ccm.monthend.close;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * SIGTERM (systemd stop, a Kubernetes eviction, Ctrl-C) ends a running close as STOPPED at the next
 * chunk boundary, restartable, and the process exits 1.
 *
 * <p>The shutdown hook only raises a flag and waits; the close's own thread sees the flag after a chunk
 * and marks its step terminate-only, which Spring Batch turns into STOPPED between two chunks. Nothing
 * touches the job from the hook thread: {@code JobOperator.stop} from another thread closes the step's
 * streams under a chunk still being written (Batch 6.0), and the close then ends FAILED. The hook
 * finally halts the JVM with the close's exit code, because {@code System.exit} would block forever in
 * a JVM that is already shutting down.
 */
@Component
class GracefulStop implements DecideStepListener, ChunkListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    private static final Duration GRACE = Duration.ofSeconds(90);

    private volatile boolean requested;

    /** Installs the hook for one run; {@link Run#finished(int)} tells it the exit code, {@link Run#close()} removes it. */
    Run watch(String what) {
        return new Run(what);
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        if (requested) {
            var context = StepSynchronizationManager.getContext();
            if (context != null) {
                context.getStepExecution().setTerminateOnly();
            }
        }
    }

    final class Run implements AutoCloseable {

        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicInteger exitCode = new AtomicInteger(1);
        private final Thread hook;

        private Run(String what) {
            hook = new Thread(() -> {
                requested = true;
                log.warn("Shutdown requested: stopping {} at the next chunk boundary (restartable)", what);
                try {
                    if (!done.await(GRACE.toSeconds(), TimeUnit.SECONDS)) {
                        log.warn("{} did not stop within {}; it will be recovered by the next close", what, GRACE);
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(exitCode.get());
            }, "ccm-graceful-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        void finished(int code) {
            exitCode.set(code);
            done.countDown();
        }

        @Override
        public void close() {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (IllegalStateException shuttingDown) {
                // the hook is running and halts with the exit code it was given
            }
        }
    }
}
