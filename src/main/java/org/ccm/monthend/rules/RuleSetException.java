package org.ccm.monthend.rules;

/** A rule set that is missing or malformed: bad configuration, exit code 2. */
public class RuleSetException extends RuntimeException {

    public RuleSetException(String message) {
        super(message);
    }
}
