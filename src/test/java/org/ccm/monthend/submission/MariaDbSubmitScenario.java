package org.ccm.monthend.submission;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.mysql.MariaDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The submit scenarios on a new database of the test MariaDB server (the lock is GET_LOCK there, the inserts JSON_TABLE). */
abstract class MariaDbSubmitScenario extends SubmitScenario {

    @TempDir
    Path out;

    String url;

    @BeforeEach
    void newDatabase() {
        url = MariaDbServer.newDatabase("submit");
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
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    Path out() {
        return out;
    }
}
