package org.ccm.monthend.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write that failed because the file system is full, naming the file: the JDK says only "No space left on
 * device", and Spring Batch's transactional writer "All bytes to be written were not successfully written".
 * Nothing half-written is published (the export moves into place only when complete); free space and run the
 * same command again.
 */
public class NoSpaceLeftException extends IOException {

    public NoSpaceLeftException(Path file, Throwable cause) {
        super("no space left on device writing " + file + "; free space there and run it again", cause);
    }

    /** {@code failure} as a NoSpaceLeftException naming {@code file} when a full disk is what it says; else itself. */
    public static IOException naming(Path file, IOException failure) {
        return !(failure instanceof NoSpaceLeftException) && isNoSpace(failure) ? new NoSpaceLeftException(file, failure) : failure;
    }

    /** Whether {@code failure} or a cause says the file system is full. */
    public static boolean isNoSpace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded")
                    || message.contains("All bytes to be written were not successfully written"))) {
                return true;
            }
        }
        return false;
    }
}
