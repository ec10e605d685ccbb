package org.ccm.monthend.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.ccm.monthend.core.ConsoleLog;
import org.ccm.monthend.core.DatabaseConnectionProblem;
import org.ccm.monthend.core.EmbeddedDatabase;
import org.ccm.monthend.dbserver.EmbeddedServerRedirect;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.FailureText;
import org.ccm.monthend.core.StopSignals;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.rules.RuleSetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line. Options that are Spring properties ({@code --spring.datasource.url=...},
 * {@code --ccm.output-dir=...}) are left to Spring; the rest is parsed here before any context starts,
 * so a usage error costs no database connection and exits 2.
 */
@Command(name = "ccm-month-end", mixinStandardHelpOptions = true, version = "ccm-month-end 0.1",
        description = "Month-end billing for Medicare Chronic Care Management (CPT 99490/99439, 99487/99489, 99491/99437).",
        subcommands = {CommandLine.HelpCommand.class})
public final class Cli {

    /** A dotted {@code --name=value} is a Spring property, e.g. --spring.datasource.url=... or --ccm.output-dir=... */
    private static final Pattern SPRING_PROPERTY = Pattern.compile("--[A-Za-z0-9_-]+(\\.[A-Za-z0-9_\\[\\]-]+)+=.*");

    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    private static final ThreadLocal<String[]> SPRING_ARGS = new ThreadLocal<>();

    private Cli() {
    }

    public static int run(String... args) {
        List<String> commandArgs = new ArrayList<>();
        List<String> springArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--debug")) {
                // stack traces on the console too (core/ConsoleLog); read by the logging configuration as it starts
                System.setProperty(ConsoleLog.DEBUG_PROPERTY, "true");
                continue;
            }
            (SPRING_PROPERTY.matcher(arg).matches() ? springArgs : commandArgs).add(arg);
        }
        SPRING_ARGS.set(springArgs.toArray(String[]::new));
        try {
            CommandLine cli = commandLine();
            if (commandArgs.isEmpty()) {
                cli.usage(System.err);
                return ExitCodes.USAGE;
            }
            return cli.execute(commandArgs.toArray(String[]::new));
        }
        finally {
            SPRING_ARGS.remove();
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Cli());
        for (Object command : Commands.all()) {
            cli.addSubcommand(command);
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            // the exception's own text may quote a row (a driver's message): said without data, the trace too (logback-spring.xml)
            String failure = FailureText.of(ex);
            commandLine.getErr().println("error: " + failure);
            log.error(ConsoleLog.FILE_ONLY, "{} failed: {}", commandLine.getCommandName(), failure, ex);
            return ExitCodes.FAILED;
        });
        return cli;
    }

    /** What a command does with the application context. */
    @FunctionalInterface
    interface ContextWork {
        int run(ConfigurableApplicationContext context) throws Exception;
    }

    /** Runs {@code work} in a fresh application context that carries the command line's Spring properties. */
    static int withContext(ContextWork work) throws Exception {
        return withContext("another command is using it", work);
    }

    /**
     * As {@link #withContext(String, ContextWork)} for a close: from the start of the command to its exit, SIGTERM
     * and SIGINT request a stop (core/StopSignals) instead of shutting the JVM down. A signal before the close starts
     * stops it after its first chunk; one after it completed leaves the exit code 0.
     */
    static int withStoppableContext(String busy, ContextWork work) throws Exception {
        try (StopSignals.Registration command = StopSignals.onStop(() -> { })) {
            return withContext(busy, work);
        }
    }

    /**
     * As {@link #withContext(ContextWork)}; {@code busy} says what is most likely holding the embedded database
     * when another process has it open (then nothing was done and the command exits 4, as for a held month lock).
     */
    static int withContext(String busy, ContextWork work) throws Exception {
        return withContext(busy, false, work);
    }

    /**
     * As {@link #withContext(String, ContextWork)} with a servlet web context (the console, {@code serve}) that hosts the
     * embedded database for the other commands (core/EmbeddedServerRedirect); any other command's context is not web.
     */
    static int withWebContext(String busy, ContextWork work) throws Exception {
        return withContext(busy, true, work);
    }

    private static int withContext(String busy, boolean web, ContextWork work) throws Exception {
        String[] springArgs = SPRING_ARGS.get() == null ? new String[0] : SPRING_ARGS.get();
        ConfigurableApplicationContext context;
        try {
            if (web) {
                List<String> all = new ArrayList<>();
                // before the command line's own settings: a --spring.main.web-application-type given there wins
                all.add("--spring.main.web-application-type=servlet");
                all.add("--" + EmbeddedServerRedirect.HOST_PROPERTY + "=true");
                all.addAll(List.of(springArgs));
                context = SpringContext.start(all.toArray(String[]::new), WebApplicationType.SERVLET);
            }
            else {
                context = SpringContext.start(springArgs);
            }
        }
        catch (SpringContext.StartFailed failed) {
            RuntimeException ex = (RuntimeException) failed.getCause();
            if (EmbeddedDatabase.inUseByAnotherProcess(ex)) {
                System.err.println("error: the embedded database is open in another process: " + busy + "; nothing was done");
                return ExitCodes.IN_PROGRESS;
            }
            Optional<DatabaseConnectionProblem> database = DatabaseConnectionProblem.of(ex, failed.datasourceUrl());
            if (database.isPresent()) {
                log.error(ConsoleLog.FILE_ONLY, "the context did not start: {}", database.get().message(), ex);
                System.err.println("error: " + database.get().message());
                return database.get().exitCode();
            }
            throw configurationProblem(ex);
        }
        try (context) {
            return work.run(context);
        }
    }

    /** A context that cannot start because of a setting or a rule file is bad configuration (exit 2), said in one line. */
    private static RuntimeException configurationProblem(RuntimeException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof UsageException usage) {
                // a check at start said what to fix ('serve' without a user, a database already served)
                return usage;
            }
            if (cause instanceof RuleSetException) {
                return new UsageException(cause.getMessage());
            }
            if (cause instanceof BindException bind) {
                return new UsageException(setting(bind));
            }
        }
        return ex;
    }

    /** A setting that cannot be bound: its own check's message (it names the setting), or its name and the reason. */
    private static String setting(BindException bind) {
        Throwable root = bind;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException && root.getMessage() != null && root.getMessage().startsWith("ccm.")) {
            return "setting " + root.getMessage();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        return "setting " + bind.getName() + ": " + reason;
    }

    /** Parses a service month, refusing anything that is not YYYY-MM. */
    static YearMonth month(String value) {
        try {
            if (value == null || !value.matches("\\d{4}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM", String.valueOf(value), 0);
            }
            return YearMonth.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new UsageException("--month must be a calendar month as YYYY-MM, got '" + value + "'");
        }
    }
}
