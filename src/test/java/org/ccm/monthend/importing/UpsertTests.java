package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.ccm.monthend.core.Dialect;
import org.junit.jupiter.api.Test;

class UpsertTests {

    @Test
    void mergesByKeyOnH2() {
        assertThat(new Upsert(Dialect.H2).sql(InputFile.ENROLLMENTS)).isEqualTo(
                "MERGE INTO enrollment (patient_id, enrolled_from, enrolled_to) KEY (patient_id, enrolled_from) VALUES (?, ?, ?)");
    }

    @Test
    void updatesTheNonKeyColumnsOnDuplicateKeyOnMysql() {
        assertThat(new Upsert(Dialect.MYSQL).sql(InputFile.ENROLLMENTS)).isEqualTo(
                "INSERT INTO enrollment (patient_id, enrolled_from, enrolled_to) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE enrolled_to = VALUES(enrolled_to)");
    }

    @Test
    void aTableMadeOfItsKeyGetsANoOpUpdateOnMysql() {
        assertThat(new Upsert(Dialect.MYSQL).sql(InputFile.OTHER_SERVICES)).isEqualTo(
                "INSERT INTO other_service (patient_id, service_date, cpt, billing_npi) VALUES (?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE patient_id = patient_id");
    }
}
