package org.ccm.monthend.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.CcmMonthEndApplication;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.close.CloseOutcome;
import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.demo.DemoDataLoader;
import org.ccm.monthend.demo.DemoSpec;
import org.ccm.monthend.users.ConsoleRole;
import org.ccm.monthend.users.ConsoleUsers;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The console as {@code serve} runs it (the same application, a servlet context, Spring Security, the H2 file database),
 * on a random port of 127.0.0.1, on a fresh database in a temporary directory with the demo practice of
 * {@link #MONTH} ({@value #PATIENTS} patients) closed, and one user of each role. Started once for all browser tests
 * of a run ({@link ConsoleExtension}) and closed at its end.
 */
final class ConsoleApp implements AutoCloseable {

    static final YearMonth MONTH = YearMonth.of(2026, 10);
    /** A month without time entries that the operator's test closes into a failure and restarts. */
    static final YearMonth FAILING_MONTH = YearMonth.of(2026, 9);
    static final int PATIENTS = 200;
    static final String PASSWORD = "correct horse battery staple";

    /** User name per role. */
    static final Map<String, String> USERS = Map.of("AUDITOR", "audrey", "BILLER", "bill", "OPERATOR", "otto", "ADMIN", "ada");

    private final Path dir;
    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private ConsoleApp(Path dir, ConfigurableApplicationContext context, String baseUrl) {
        this.dir = dir;
        this.context = context;
        this.baseUrl = baseUrl;
    }

    static ConsoleApp start() throws Exception {
        Path dir = Files.createTempDirectory("ccm-console-browser");
        String[] args = {"--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db").resolve("ccm") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--ccm.output-dir=" + dir.resolve("out"), "--logging.file.name=" + dir.resolve("ccm.log")};
        // what a person does first on the command line: demo-data, close, user add (serve refuses to start without a user)
        try (ConfigurableApplicationContext setup = new SpringApplicationBuilder(CcmMonthEndApplication.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).run(args)) {
            setup.getBean(DemoDataLoader.class).load(new DemoSpec(PATIENTS, MONTH, DemoSpec.DEFAULT_SEED));
            CloseOutcome closed = setup.getBean(MonthCloseLauncher.class).close(MONTH, 1, CloseProgress.NONE);
            if (!(closed instanceof CloseOutcome.Closed)) {
                throw new IllegalStateException("the demo month did not close: " + closed);
            }
            ConsoleUsers users = setup.getBean(ConsoleUsers.class);
            USERS.forEach((role, name) -> users.add(name, List.of(ConsoleRole.valueOf(role)), PASSWORD.toCharArray(), "browser-tests",
                    AuditEntry.CLI));
        }
        String[] serve = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--spring.main.web-application-type=servlet", "--server.address=127.0.0.1", "--server.port=0")).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CcmMonthEndApplication.class)
                .web(WebApplicationType.SERVLET).bannerMode(Banner.Mode.OFF).run(serve);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new ConsoleApp(dir, context, "http://127.0.0.1:" + port);
    }

    String baseUrl() {
        return baseUrl;
    }

    Path outputDir() {
        return dir.resolve("out");
    }

    JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    static String user(String role) {
        return USERS.get(role);
    }

    @Override
    public void close() throws IOException {
        context.close();
        FileSystemUtils.deleteRecursively(dir);
    }
}
