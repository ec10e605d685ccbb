package org.ccm.monthend.remittance;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A void the payer accepted frees the patient-month, on the embedded database. */
class VoidIntegrationTests extends VoidScenario {

    private static final String URL = "jdbc:h2:mem:voids;DB_CLOSE_DELAY=-1";

    @TempDir
    Path out;

    @Override
    List<String> database() {
        return List.of("--spring.datasource.url=" + URL);
    }

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource(URL, "sa", "");
    }

    @Override
    Path out() {
        return out;
    }

    @Test
    void anAcceptedVoidLetsTheNextRevisionBillThePatientMonthOnceAndAnUnansweredOrDeniedVoidDoesNot() throws Exception {
        acceptedVoidFreesThePatientMonthOnce();
    }
}
