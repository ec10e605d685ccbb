package org.ccm.monthend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code user add / disable / list} and {@code serve} without a user: the password from standard input (never the
 * command line) stored as a BCrypt hash in Spring Security's tables, each change on the audit log with who did it,
 * refusals that change and record nothing, and a console that will not start before someone can log in.
 */
class UserCommandIntegrationTests {

    private static final String URL = "jdbc:h2:mem:user-command;DB_CLOSE_DELAY=-1";
    private static final List<String> SETTINGS = List.of("--spring.datasource.url=" + URL);

    @Test
    void serveRefusesToStartWithoutAUserAndSaysHowToAddOne() {
        CommandRun serve = CommandRun.of(List.of("--spring.datasource.url=jdbc:h2:mem:no-users;DB_CLOSE_DELAY=-1", "--server.port=0"), "serve");
        assertThat(serve.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(serve.err()).contains("no console user can log in yet").contains("user add NAME --role ADMIN")
                .contains("CCM_NEW_PASSWORD");
        assertThat(serve.out()).doesNotContain("Console on");
        assertThat(serve.err().lines().filter(line -> !line.isBlank()).count()).as(serve.err()).isEqualTo(1);
    }

    @Test
    void addStoresABcryptHashAndTheRolesAndPutsItOnTheRecordThenListAndDisable() {
        CommandRun added = withStdin("correct horse battery\n", "user", "add", "ann", "--role", "BILLER,auditor", "--by", "root");
        assertThat(added.exit()).as(added.err()).isEqualTo(ExitCodes.OK);
        assertThat(added.out()).contains("Added user ann with role AUDITOR,BILLER");
        JdbcTemplate jdbc = jdbc();
        Map<String, Object> row = jdbc.queryForMap("SELECT password, enabled FROM users WHERE username = 'ann'");
        String hash = (String) row.get("PASSWORD");
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("horse");
        assertThat(new BCryptPasswordEncoder().matches("correct horse battery", hash.substring("{bcrypt}".length()))).isTrue();
        assertThat(row.get("ENABLED")).isEqualTo(true);
        assertThat(jdbc.queryForList("SELECT authority FROM authorities WHERE username = 'ann' ORDER BY authority", String.class))
                .containsExactly("ROLE_AUDITOR", "ROLE_BILLER");
        assertThat(jdbc.queryForMap("SELECT actor, channel, target_type, target, reason, outcome FROM audit_event WHERE action = 'USER_ADDED' AND target = 'ann'"))
                .containsEntry("ACTOR", "root").containsEntry("CHANNEL", "cli").containsEntry("TARGET_TYPE", "user").containsEntry("TARGET", "ann")
                .containsEntry("REASON", "roles AUDITOR,BILLER").containsEntry("OUTCOME", "OK");

        CommandRun listed = CommandRun.of(SETTINGS, "user", "list");
        assertThat(listed.exit()).isEqualTo(ExitCodes.OK);
        assertThat(listed.out()).containsPattern("ann\\s+yes\\s+AUDITOR,BILLER");
        assertThat(listed.out()).doesNotContain("bcrypt");

        CommandRun disabled = CommandRun.of(SETTINGS, "user", "disable", "ann", "--by", "root");
        assertThat(disabled.exit()).as(disabled.err()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForObject("SELECT enabled FROM users WHERE username = 'ann'", Boolean.class)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'USER_DISABLED' AND target = 'ann'", Long.class)).isOne();
        assertThat(CommandRun.of(SETTINGS, "user", "list").out()).containsPattern("ann\\s+no\\s+AUDITOR,BILLER");
        CommandRun again = CommandRun.of(SETTINGS, "user", "disable", "ann");
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("disabled already");
    }

    @Test
    void refusedAddsChangeAndRecordNothing() {
        long users = count("users");
        long audit = count("audit_event");
        // the password is never an option: argv is visible to every user of the machine
        CommandRun onArgv = withStdin("", "user", "add", "bob", "--role", "BILLER", "--password", "correct horse battery");
        assertThat(onArgv.exit()).isEqualTo(ExitCodes.USAGE);
        CommandRun short_ = withStdin("short\n", "user", "add", "bob", "--role", "BILLER");
        assertThat(short_.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(short_.err()).contains("at least 12 characters");
        CommandRun none = withStdin("", "user", "add", "bob", "--role", "BILLER");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("standard input").contains("CCM_NEW_PASSWORD");
        CommandRun role = withStdin("correct horse battery\n", "user", "add", "bob", "--role", "ROOT");
        assertThat(role.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(role.err()).contains("--role must be one of AUDITOR, BILLER, OPERATOR, ADMIN");
        CommandRun name = withStdin("correct horse battery\n", "user", "add", "bob smith<b>", "--role", "BILLER");
        assertThat(name.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(count("users")).isEqualTo(users);
        assertThat(count("audit_event")).isEqualTo(audit);

        assertThat(withStdin("correct horse battery\n", "user", "add", "carol", "--role", "OPERATOR").exit()).isEqualTo(ExitCodes.OK);
        CommandRun twice = withStdin("correct horse battery\n", "user", "add", "CAROL", "--role", "ADMIN");
        assertThat(twice.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).contains("exists already");
        assertThat(jdbc().queryForList("SELECT authority FROM authorities WHERE username = 'carol'", String.class)).containsExactly("ROLE_OPERATOR");
    }

    private static CommandRun withStdin(String input, String... args) {
        InputStream in = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CommandRun.of(SETTINGS, args);
        }
        finally {
            System.setIn(in);
        }
    }

    private static long count(String table) {
        CommandRun.of(SETTINGS, "user", "list"); // migrates a fresh database
        return jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    private static JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(URL, "sa", ""));
    }
}
