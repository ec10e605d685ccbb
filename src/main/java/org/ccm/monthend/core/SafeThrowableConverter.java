package org.ccm.monthend.core;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;

/**
 * The stack trace of a logged failure with every message said by {@link FailureText}: the frames, the
 * classes and the causes stay (they are code, not data), the vendor's words quoting a row do not.
 * Registered for the log's exception conversion words in logback-spring.xml (and logback-test.xml).
 */
public class SafeThrowableConverter extends ThrowableHandlingConverter {

    /** Frames printed per throwable: enough to find the code, not a page of framework. */
    private static final int FRAMES = 25;

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        String prefix = "";
        for (IThrowableProxy level = proxy; level != null; level = level.getCause()) {
            text.append(prefix).append(level instanceof ThrowableProxy real ? FailureText.single(real.getThrowable()) : level.getClassName())
                    .append(System.lineSeparator());
            StackTraceElementProxy[] frames = level.getStackTraceElementProxyArray();
            int shown = Math.min(FRAMES, Math.max(0, frames.length - level.getCommonFrames()));
            for (int i = 0; i < shown; i++) {
                text.append('\t').append(frames[i].getSTEAsString()).append(System.lineSeparator());
            }
            if (frames.length > shown) {
                text.append("\t... ").append(frames.length - shown).append(" more").append(System.lineSeparator());
            }
            prefix = "Caused by: ";
        }
        return text.toString();
    }
}
