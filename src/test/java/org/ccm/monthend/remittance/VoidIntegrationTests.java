package org.ccm.monthend.remittance;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A void the payer accepted frees the patient-month, on the embedded database. */
class VoidIntegrationTests extends VoidScenario {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path out;

    String url;

    @BeforeEach
    void newDatabase() {
        url = "jdbc:h2:mem:voids" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
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
    void anAcceptedVoidLetsTheNextRevisionBillThePatientMonthOnceAndAnUnansweredOrDeniedVoidDoesNot() throws Exception {
        acceptedVoidFreesThePatientMonthOnce();
    }

    @Test
    void aCorrectedClaimIsCorrectedAgainAfterThePayerAnsweredTheFirstCorrection() throws Exception {
        aReplacedClaimIsReplacedAgainOnceThePayerAnsweredTheFirstReplacement();
    }
}
