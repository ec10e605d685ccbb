package org.ccm.monthend.close;

import org.ccm.monthend.core.StopSignals;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * SIGTERM (systemd stop, a Kubernetes eviction, Ctrl-C) ends a running close as STOPPED at the next
 * chunk boundary, restartable, and the process exits 1.
 *
 * <p>The signal ({@link StopSignals}) only raises a flag; the close's own thread sees it after a chunk
 * and marks its step terminate-only, which Spring Batch turns into STOPPED between two chunks. Nothing
 * touches the job from the signal's thread: {@code JobOperator.stop} from another thread closes the
 * step's streams under a chunk still being written (Batch 6.0), and the close then ends FAILED. The
 * JVM does not start shutting down until the close has recorded STOPPED and the command returns, so
 * the database (H2 closes itself in a shutdown hook) is there to record it.
 */
@Component
class GracefulStop implements DecideStepListener, ChunkListener<Object, Object> {

    private volatile boolean requested;

    /** Listens for a stop request during one run, until {@link Run#close()}. */
    Run watch() {
        return new Run(StopSignals.onStop(() -> requested = true));
    }

    /** Whether a stop was requested during a run: the publish step checks it before it renames anything into place. */
    boolean requested() {
        return requested;
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

    static final class Run implements AutoCloseable {

        private final StopSignals.Registration registration;

        private Run(StopSignals.Registration registration) {
            this.registration = registration;
        }

        @Override
        public void close() {
            registration.close();
        }
    }
}
