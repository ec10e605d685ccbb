package org.ccm.monthend.core;

/** A user mistake (bad month, missing file, bad setting): one clear line on stderr and exit code 2. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
