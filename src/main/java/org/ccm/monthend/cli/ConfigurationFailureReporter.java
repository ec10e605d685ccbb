package org.ccm.monthend.cli;

import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.rules.RuleSetException;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tells Spring Boot that a context which failed to start on a bad rule or chargemaster value is reported already:
 * the command says it in one line and exits 2 ({@link Cli}, configurationProblem). Without it Boot logs "Application
 * run failed" with some 250 stack frames on the console (issue 11: a chargemaster amount "abc").
 * Registered in META-INF/spring.factories, where Boot looks for exception reporters.
 */
class ConfigurationFailureReporter implements SpringBootExceptionReporter {

    ConfigurationFailureReporter(ConfigurableApplicationContext context) {
    }

    @Override
    public boolean reportException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuleSetException || cause instanceof UsageException) {
                return true;
            }
        }
        return false;
    }
}
