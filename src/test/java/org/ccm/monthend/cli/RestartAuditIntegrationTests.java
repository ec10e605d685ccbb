package org.ccm.monthend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restart} from the command line goes on the audit log (EXECUTION_RESTARTED, the OS user or {@code --by}, channel
 * cli) before it resumes the close; an unknown execution is refused (exit 2) and recorded nowhere.
 */
class RestartAuditIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void aRestartOnTheCommandLineIsOnTheRecordWithWhoDidIt() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
        Path out = dir.resolve("out");
        List<String> settings = List.of("--spring.datasource.url=" + url, "--ccm.output-dir=" + out,
                "--logging.file.name=" + dir.resolve("ccm.log"));
        assertThat(CommandRun.of(settings, "demo-data", "--patients", "40", "--month", "2026-10").exit()).isEqualTo(ExitCodes.OK);
        // a real failure: a plain file where the close creates its staging directory
        Files.createDirectories(out);
        Files.writeString(out.resolve(".staging"), "not a directory");
        assertThat(CommandRun.of(settings, "close", "--month", "2026-10").exit()).isEqualTo(ExitCodes.FAILED);
        long failed = query(url, "SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION").get(0).get(0) instanceof Number n ? n.longValue() : -1;

        assertThat(CommandRun.of(settings, "restart", "999999", "--by", "olga").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(query(url, "SELECT COUNT(*) FROM audit_event WHERE action = 'EXECUTION_RESTARTED'").get(0).get(0)).isEqualTo(0L);

        Files.delete(out.resolve(".staging"));
        CommandRun restarted = CommandRun.of(settings, "restart", String.valueOf(failed), "--by", "olga");

        assertThat(restarted.exit()).as(restarted.err()).isEqualTo(ExitCodes.OK);
        assertThat(out.resolve("2026-10").resolve("claims.csv")).exists();
        assertThat(query(url, "SELECT actor, channel, target_type, target, service_month FROM audit_event WHERE action = 'EXECUTION_RESTARTED'"))
                .containsExactly(List.of("olga", "cli", "execution", String.valueOf(failed), "2026-10"));
    }

    private static List<List<Object>> query(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", ""); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
