package org.ccm.monthend.remittance;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.ccm.monthend.mysql.MariaDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Issue 13's key scenarios on a real MariaDB server. */
class RemitMysqlIntegrationTests extends VoidScenario {

    @TempDir
    Path out;

    String url;

    @BeforeEach
    void newDatabase() {
        url = MariaDbServer.newDatabase("remit");
    }

    @Override
    void useNewDatabase() {
        newDatabase();
    }

    @Override
    List<String> database() {
        return List.of("--spring.profiles.active=mysql", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + MariaDbServer.user(), "--spring.datasource.password=");
    }

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource(url, MariaDbServer.user(), "");
    }

    @Override
    Path out() {
        return out;
    }

    @Test
    void theDemoPayersAnswerPostsOnceOnMariaDb() throws Exception {
        demoRoundTrip();
    }

    @Test
    void aFileThatDoesNotBalanceIsRefusedAndPostsNothingOnMariaDb() throws Exception {
        unbalancedFilesAreRefusedWhole();
    }

    @Test
    void reversalsSecondPaymentsUnknownClaimsAndDenialsOnMariaDb() throws Exception {
        reversalsDuplicatesRejectsAndDenials();
    }

    @Test
    void aPostingInChunksThatStopsPartWayIsFinishedByTheNextRunWithTheRowsOfOneTransactionOnMariaDb() throws Exception {
        aPostingInChunksThatStopsPartWayIsFinishedWithTheRowsOfOneTransaction();
    }

    @Test
    void anAcceptedVoidLetsTheNextRevisionBillThePatientMonthOnceOnMariaDb() throws Exception {
        acceptedVoidFreesThePatientMonthOnce();
        // the reader's cursor of earlier claims (extract/PatientMonthReader) walks the primary key in its order: no sort
        List<Map<String, Object>> plan = jdbc().queryForList("""
                EXPLAIN SELECT patient_id, claim_id, void_accepted_remittance_id FROM claim
                 WHERE patient_id > '' AND patient_id <= 'P0000200' AND service_month = '2026-10' AND revision <> 4
                 ORDER BY patient_id""");
        assertThat(plan).singleElement().satisfies(row -> {
            assertThat(row.get("key")).isEqualTo("PRIMARY");
            assertThat(String.valueOf(row.get("Extra"))).doesNotContain("filesort");
        });
    }

    @Test
    void aReplacedClaimIsReplacedAgainOnceThePayerAnsweredTheFirstReplacementOnMariaDb() throws Exception {
        aReplacedClaimIsReplacedAgainOnceThePayerAnsweredTheFirstReplacement();
    }
}
