package org.ccm.monthend.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.users.ConsoleRole;
import org.ccm.monthend.users.ConsoleUser;
import org.ccm.monthend.users.ConsoleUsers;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"The web console's users: add, disable, list. Roles: AUDITOR (reads everything),",
                "BILLER (also holds/releases, submits, posts remittances), OPERATOR (also starts closes,",
                "restarts/stops executions), ADMIN (users). Each change is on the audit log."},
        subcommands = {UserCommand.Add.class, UserCommand.Disable.class, UserCommand.ListUsers.class})
class UserCommand implements Callable<Integer> {

    /** The environment variable a script gives the new password in (never the command line: argv is visible to all). */
    static final String PASSWORD_VARIABLE = "CCM_NEW_PASSWORD";

    @Override
    public Integer call() {
        System.err.println("error: say what to do: user add NAME --role ROLE, user disable NAME, or user list");
        return ExitCodes.USAGE;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a console user. The password (at least 12 characters) is read from the",
                    "environment variable CCM_NEW_PASSWORD, else from standard input (asked twice on a",
                    "terminal); it is stored as a BCrypt hash and never accepted on the command line."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:added", "1:failed (database unreachable, ...)", "2:bad name, role or password, or the user exists"})
    static class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", required = true, split = ",",
                description = "AUDITOR, BILLER, OPERATOR or ADMIN (repeat it, or separate with commas, for several)")
        List<String> roles;

        @Option(names = "--by", paramLabel = "NAME", description = "who adds the user, on the record (default: the operating-system user)")
        String by;

        @Override
        public Integer call() throws Exception {
            List<ConsoleRole> parsed = roles.stream().map(ConsoleRole::of).toList();
            String actor = ReleaseCommand.actor(by);
            char[] password = password(System.getenv(PASSWORD_VARIABLE));
            try {
                return Cli.withContext(context -> {
                    ConsoleUser added = context.getBean(ConsoleUsers.class).add(name, parsed, password, actor, AuditEntry.CLI);
                    System.out.printf("Added user %s with role %s; they can log in to 'serve' now.%n", added.name(),
                            String.join(",", added.roles().stream().map(Enum::name).toList()));
                    return ExitCodes.OK;
                });
            }
            finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = {"Disable a console user: they can no longer log in; what they did stays on the record."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:disabled", "1:failed (database unreachable, ...)", "2:no such user, or disabled already"})
    static class Disable implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why, on the record")
        String reason;

        @Option(names = "--by", paramLabel = "NAME", description = "who disables the user (default: the operating-system user)")
        String by;

        @Override
        public Integer call() throws Exception {
            String actor = ReleaseCommand.actor(by);
            return Cli.withContext(context -> {
                ConsoleUser user = context.getBean(ConsoleUsers.class).disable(name, actor, AuditEntry.CLI, reason);
                System.out.printf("Disabled user %s.%n", user.name());
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"The console's users: name, enabled, roles."})
    static class ListUsers implements Callable<Integer> {

        @Override
        public Integer call() throws Exception {
            return Cli.withContext(context -> {
                List<ConsoleUser> users = context.getBean(ConsoleUsers.class).list();
                if (users.isEmpty()) {
                    System.out.println("No console users yet: add one with 'user add NAME --role ROLE'.");
                    return ExitCodes.OK;
                }
                System.out.printf("%-30s %-8s %s%n", "name", "enabled", "roles");
                for (ConsoleUser user : users) {
                    System.out.printf("%-30s %-8s %s%n", user.name(), user.enabled() ? "yes" : "no",
                            String.join(",", user.roles().stream().map(Enum::name).toList()));
                }
                return ExitCodes.OK;
            });
        }
    }

    /**
     * The new password: {@code fromEnvironment} when set, else standard input (on a terminal asked twice without echo;
     * piped, its first line).
     */
    static char[] password(String fromEnvironment) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        Console console = System.console();
        if (console != null && System.in.available() == 0 && isTerminal(console)) {
            char[] first = console.readPassword("New password (at least %d characters): ", ConsoleUsers.MINIMUM_PASSWORD_LENGTH);
            char[] second = console.readPassword("The same again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new UsageException("the two passwords differ; nothing was changed");
            }
            Arrays.fill(second, '\0');
            return first;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            throw new UsageException("no password: give it on standard input or in " + PASSWORD_VARIABLE + " (never on the command line)");
        }
        return line.toCharArray();
    }

    private static boolean isTerminal(Console console) {
        try {
            // Java 22+ says whether the console is a terminal; before it, System.console() is one
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        }
        catch (ReflectiveOperationException ex) {
            return true;
        }
    }
}
