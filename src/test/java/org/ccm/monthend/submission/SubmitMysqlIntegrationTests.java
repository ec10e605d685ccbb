package org.ccm.monthend.submission;

import org.junit.jupiter.api.Test;

/** The submission round trip on a real MariaDB server. */
class SubmitMysqlIntegrationTests extends MariaDbSubmitScenario {

    @Test
    void closeHoldSubmitReleaseSubmitOnMariaDb() throws Exception {
        closeHoldSubmitReleaseSubmit();
    }

    @Test
    void aSubmitWhoseFileCannotBeWrittenMarksNothingOnMariaDb() throws Exception {
        aSubmitWhoseFileCannotBeWrittenMarksNothing();
    }
}
