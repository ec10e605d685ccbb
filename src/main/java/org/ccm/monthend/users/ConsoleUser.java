package org.ccm.monthend.users;

import java.util.List;

/** A console user as {@code user list} and the users page show it (never the password hash). */
public record ConsoleUser(String name, boolean enabled, List<ConsoleRole> roles) {
}
