package org.ccm.monthend.submission;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.ccm.monthend.core.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The submission round trip on the embedded database. */
class SubmitIntegrationTests extends SubmitScenario {

    /** A database of each test's own (JUnit makes an instance per test). */
    private final String url = "jdbc:h2:mem:submit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";

    @TempDir
    Path out;

    @Override
    List<String> database() {
        return List.of("--spring.datasource.url=" + url);
    }

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource(url, "sa", "");
    }

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    Path out() {
        return out;
    }

    @Test
    void closeHoldSubmitReleaseSubmitCarriesEveryReadyClaimOnceInInterchangesThatPassEveryCheck() throws Exception {
        closeHoldSubmitReleaseSubmit();
    }

    @Test
    void aSubmissionFileWithoutASubmitterIdIsRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        refusesASubmissionFileWithoutASubmitterId(dir);
    }

    @Test
    void aSubmitWhoseFileCannotBeWrittenMarksNothingAndTheNextFinishesIt() throws Exception {
        aSubmitWhoseFileCannotBeWrittenMarksNothing();
    }
}
