package org.ccm.monthend.remittance;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Issue 13's scenarios, the accepted voids among them, on the embedded database. */
class RemitIntegrationTests extends VoidScenario {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path out;

    String url;

    @BeforeEach
    void newDatabase() {
        url = "jdbc:h2:mem:remit" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    void useNewDatabase() {
        newDatabase();
    }

    @Override
    List<String> database() {
        return List.of("--spring.datasource.url=" + url);
    }

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource(url, "sa", "");
    }

    @Override
    Path out() {
        return out;
    }

    @Test
    void theDemoPayersAnswerPostsOnceAndReceivablesSayWhatTheFileSays() throws Exception {
        demoRoundTrip();
    }

    @Test
    void aFileThatDoesNotBalanceAtAnyLevelOrIsNoRemittanceIsRefusedAndPostsNothing() throws Exception {
        unbalancedFilesAreRefusedWhole();
    }

    @Test
    void reversalsSecondPaymentsUnknownClaimsAndDenialsArePostedAsTheFilesSay() throws Exception {
        reversalsDuplicatesRejectsAndDenials();
    }

    @Test
    void aPostingInChunksThatStopsPartWayIsFinishedByTheNextRunWithTheRowsOfOneTransaction() throws Exception {
        aPostingInChunksThatStopsPartWayIsFinishedWithTheRowsOfOneTransaction();
    }

    @Test
    void anAcceptedVoidLetsTheNextRevisionBillThePatientMonthOnceAndAnUnansweredOrDeniedVoidDoesNot() throws Exception {
        acceptedVoidFreesThePatientMonthOnce();
    }

    @Test
    void aCorrectedClaimIsCorrectedAgainAfterThePayerAnsweredTheFirstCorrection() throws Exception {
        aReplacedClaimIsReplacedAgainOnceThePayerAnsweredTheFirstReplacement();
    }
}
