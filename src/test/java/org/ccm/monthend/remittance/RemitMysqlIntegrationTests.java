package org.ccm.monthend.remittance;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.ccm.monthend.mysql.MariaDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Issue 13's key scenarios on a real MariaDB server. */
class RemitMysqlIntegrationTests extends RemitScenario {

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
}
