package org.ccm.monthend.core;

import java.util.Set;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.spi.FilterReply;

/**
 * What the console shows of the log: a failure is one line said by the command (what failed, what to do), its
 * stack trace is in the log file (logging.file.name) unless the command runs with {@code --debug}. Wired in
 * logback-spring.xml: {@link ConsoleLog.Filter} keeps Spring's own start-up failure reports and events marked
 * {@link #FILE_ONLY} off the console, {@link Traces} prints a console event's stack trace only with --debug.
 */
public final class ConsoleLog {

    /** Marks an event that belongs in the log file only (the command has already said it in one line). */
    public static final Marker FILE_ONLY = MarkerFactory.getMarker("FILE_ONLY");

    /** The system property {@code --debug} sets: stack traces and Spring's failure reports on the console too. */
    public static final String DEBUG_PROPERTY = "ccm.debug";

    /** Spring's reports of a context that failed to start: the command says the cause in one line instead. */
    private static final Set<String> START_UP_REPORTERS = Set.of("org.springframework.boot.SpringApplication",
            "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter");

    private ConsoleLog() {
    }

    static boolean debug() {
        return Boolean.getBoolean(DEBUG_PROPERTY);
    }

    /** Console filter: off the console unless --debug, Spring's start-up failure reports and FILE_ONLY events. */
    public static class Filter extends ch.qos.logback.core.filter.Filter<ILoggingEvent> {

        @Override
        public FilterReply decide(ILoggingEvent event) {
            if (debug()) {
                return FilterReply.NEUTRAL;
            }
            String logger = event.getLoggerName();
            boolean startUp = START_UP_REPORTERS.contains(logger) || logger.endsWith("ApplicationContext");
            boolean fileOnly = event.getMarkerList() != null && event.getMarkerList().contains(FILE_ONLY);
            return startUp || fileOnly ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }

    /** Console stack traces: none unless --debug (then as in the log file, without patient data). */
    public static class Traces extends SafeThrowableConverter {

        @Override
        public String convert(ILoggingEvent event) {
            return debug() ? super.convert(event) : "";
        }
    }
}
