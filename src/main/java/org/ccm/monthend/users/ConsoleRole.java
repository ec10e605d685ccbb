package org.ccm.monthend.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.ccm.monthend.core.UsageException;

/**
 * What a console user may do (../shared/console.md). Each role reads what AUDITOR reads and adds its own actions; a
 * user may have several.
 */
public enum ConsoleRole {
    /** reads everything, changes nothing */
    AUDITOR,
    /** also holds and releases claims, submits, posts remittances */
    BILLER,
    /** also starts closes, restarts and stops executions */
    OPERATOR,
    /** users: add, disable, reset a password */
    ADMIN;

    /** The authority stored in {@code authorities.authority}: Spring Security's role prefix. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static ConsoleRole of(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException | NullPointerException ex) {
            throw new UsageException("--role must be one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                    + ", got '" + value + "'");
        }
    }
}
