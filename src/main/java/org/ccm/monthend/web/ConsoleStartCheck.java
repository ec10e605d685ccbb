package org.ccm.monthend.web;

import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.users.ConsoleUsers;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * No default user and no default password: with no enabled user the console refuses to start (before the web server
 * listens) and says how to add one. Tests of the pages that log in with mock users turn it off
 * ({@code ccm.console.require-user=false}).
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "ccm.console.require-user", havingValue = "true", matchIfMissing = true)
class ConsoleStartCheck implements SmartInitializingSingleton {

    static final String NO_USER = "no console user can log in yet; add one first (the password is read from standard input"
            + " or CCM_NEW_PASSWORD, never the command line):  java -jar target/ccm-month-end.jar user add NAME --role ADMIN";

    private final ConsoleUsers users;

    ConsoleStartCheck(ConsoleUsers users) {
        this.users = users;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!users.anyEnabled()) {
            throw new UsageException(NO_USER);
        }
    }
}
