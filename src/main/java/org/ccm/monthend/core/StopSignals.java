package org.ccm.monthend.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (systemd stop, a Kubernetes eviction, Ctrl-C) as a request to stop, not as the
 * start of JVM shutdown. While some work has registered a listener (a close, the scheduler loop), a
 * signal tells the listeners and nothing else happens: the work stops where it is safe to, records
 * that it stopped, closes its database connections and the process exits with its own code. Only
 * then do the JVM's shutdown hooks run, so the embedded H2 database (which closes itself in such a
 * hook) outlives the stop. A second signal, or work that has not ended after the grace period,
 * halts the process with exit 1 (restartable, as after {@code kill -9}). With no listener registered
 * a signal does what it always did: the JVM shuts down.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way to handle a signal
 * without starting shutdown; it has been stable since Java 1.4 and is kept for exactly this use.
 */
public final class StopSignals {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final Duration GRACE = Duration.ofSeconds(90);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private static final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private static final List<Installed> installed = new CopyOnWriteArrayList<>();
    private static volatile boolean requested;

    private record Installed(Signal signal, SignalHandler previous) {
    }

    private StopSignals() {
    }

    /**
     * Calls {@code listener} (once, on the signal's thread: it must only raise a flag) when a stop is
     * requested while the returned registration is open.
     */
    public static Registration onStop(Runnable listener) {
        install();
        listeners.add(listener);
        if (requested) {
            listener.run();
        }
        return () -> listeners.remove(listener);
    }

    /** An open registration; closing it removes the listener. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private static synchronized void install() {
        if (!installed.isEmpty()) {
            return;
        }
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                installed.add(new Installed(signal, Signal.handle(signal, StopSignals::handle)));
            }
            catch (IllegalArgumentException unavailable) {
                // the JVM keeps this signal for itself (-Xrs, or a platform without it): its default stays
            }
        }
    }

    private static void handle(Signal signal) {
        if (listeners.isEmpty()) {
            previous(signal).handle(signal);
            return;
        }
        if (requested) {
            log.warn("SIG{} again: exiting now; the next close resumes from the last checkpoint", signal.getName());
            Runtime.getRuntime().halt(ExitCodes.FAILED);
        }
        requested = true;
        log.warn("SIG{} received: stopping at the next safe point (restartable); send it again to exit at once",
                signal.getName());
        for (Runnable listener : listeners) {
            listener.run();
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(GRACE.toMillis());
            }
            catch (InterruptedException ex) {
                return;
            }
            log.warn("Still running {} after the stop request: exiting; the next close resumes from the last checkpoint",
                    GRACE);
            Runtime.getRuntime().halt(ExitCodes.FAILED);
        }, "ccm-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static SignalHandler previous(Signal signal) {
        for (Installed entry : installed) {
            if (entry.signal().getNumber() == signal.getNumber() && entry.previous() != null) {
                return entry.previous();
            }
        }
        return SignalHandler.SIG_DFL;
    }
}
