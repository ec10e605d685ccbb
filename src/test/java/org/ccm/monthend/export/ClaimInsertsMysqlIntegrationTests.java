package org.ccm.monthend.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.ccm.monthend.billing.Claim;
import org.ccm.monthend.billing.ClaimLine;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.mysql.MariaDbServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * On MariaDB a chunk's claims, lines and events go to the server as literal rows ({@link InsertTable#valuesSql}): every
 * value must land in its column exactly, whatever characters a patient id holds (the import accepts any text), in
 * both SQL modes that change how a quote or a backslash reads.
 */
class ClaimInsertsMysqlIntegrationTests {

    private static final YearMonth MONTH = YearMonth.of(2026, 10);

    @Test
    void literalRowsLandInTheirColumnsExactlyWhateverThePatientIdHolds() {
        String url = MariaDbServer.newDatabase("claim_inserts");
        DataSource dataSource = new DriverManagerDataSource(url, MariaDbServer.user(), "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/mysql").load().migrate();
        // one connection: the SQL mode is the session's
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(url, MariaDbServer.user(), "", true));
        List<String> patients = List.of("P'1", "P\\2", "P3'); DELETE FROM claim; --", "Pé4", "P 5:_.-", "P\"6");
        for (String sqlMode : List.of("STRICT_TRANS_TABLES", "STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES,ANSI_QUOTES")) {
            jdbc.execute("SET SESSION sql_mode = '" + sqlMode + "'");
            jdbc.update("DELETE FROM claim_event");
            jdbc.update("DELETE FROM claim_line");
            jdbc.update("DELETE FROM claim");
            List<ClaimInserts.ClaimRow> claims = new ArrayList<>();
            List<ClaimInserts.LineRow> lines = new ArrayList<>();
            List<ClaimInserts.EventRow> events = new ArrayList<>();
            for (String patient : patients) {
                Claim claim = claim(patient);
                claims.add(ClaimInserts.ClaimRow.of(claim, 1, 7L));
                claim.lines().forEach(line -> lines.add(ClaimInserts.LineRow.of(claim, line)));
                events.add(ClaimInserts.EventRow.decided(claim, 7L, LocalDateTime.of(2026, 11, 3, 4, 5, 6, 789_000)));
            }

            ClaimInserts.forDialect(jdbc, Dialect.MYSQL).insert(claims, lines, events);

            assertThat(jdbc.queryForList("SELECT patient_id FROM claim ORDER BY patient_id", String.class)).as(sqlMode)
                    .containsExactlyInAnyOrderElementsOf(patients);
            // read back without parameters: Connector/J escapes a parameter for the SQL mode it saw when it connected
            Map<String, Map<String, Object>> byPatient = new HashMap<>();
            jdbc.queryForList("SELECT * FROM claim").forEach(row -> byPatient.put((String) row.get("patient_id"), row));
            assertThat(byPatient.get("Pé4")).containsEntry("claim_id", Claim.idFor("Pé4", MONTH)).containsEntry("service_month", "2026-10")
                    .containsEntry("family", "COMPLEX").containsEntry("date_of_service", Date.valueOf(LocalDate.of(2026, 10, 30)))
                    .containsEntry("minutes_counted", new BigDecimal("75.50")).containsEntry("charge_amount", new BigDecimal("300.61"))
                    .containsEntry("dx1", "I10").containsEntry("dx3", null).containsEntry("voided_before", 0)
                    .containsEntry("job_execution_id", 7L);
            for (String patient : patients) {
                assertThat(byPatient.get(patient)).as(sqlMode + " " + patient).containsEntry("claim_id", Claim.idFor(patient, MONTH));
            }
            assertThat(jdbc.queryForList("SELECT CONCAT(claim_id, '|', line, '|', cpt, '|', units, '|', charge_amount) FROM claim_line",
                    String.class)).as(sqlMode).contains(Claim.idFor("P'1", MONTH) + "|1|99487|1|144.29",
                            Claim.idFor("P'1", MONTH) + "|2|99489|2|156.32").hasSize(2 * patients.size());
            assertThat(jdbc.queryForList("SELECT CONCAT(claim_id, '|', actor, '|', reason, '|', at) FROM claim_event", String.class))
                    .as(sqlMode).contains(Claim.idFor("P\\2", MONTH) + "|close|decided by close execution 7|2026-11-03 04:05:06.000789")
                    .hasSize(patients.size());
        }
    }

    private static Claim claim(String patientId) {
        return new Claim(Claim.idFor(patientId, MONTH), patientId, "1EG4TE5MK01", "1234567893", MONTH, LocalDate.of(2026, 10, 30), "11",
                Family.COMPLEX, List.of(new ClaimLine(1, "99487", 1, new BigDecimal("144.29"), new BigDecimal("140.00")),
                        new ClaimLine(2, "99489", 2, new BigDecimal("156.32"), new BigDecimal("150.00"))),
                List.of("I10", "E11.9"), new BigDecimal("75.50"), null, null, "ccm-2026");
    }
}
