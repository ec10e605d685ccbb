package org.ccm.monthend.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

class MariaDbServerIntegrationTests {

    @Test
    void startsARealServerThatSpeaksTheMysqlProtocol() throws Exception {
        String url = MariaDbServer.newDatabase("smoke");
        try (Connection connection = DriverManager.getConnection(url, MariaDbServer.user(), "");
                ResultSet rs = connection.createStatement().executeQuery("SELECT VERSION()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("MariaDB");
        }
    }
}
