package org.ccm.monthend.extract;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.ccm.monthend.mysql.MariaDbServer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** An empty database with the schema of the migrations, "H2" (in memory) or "MariaDB", made once per name. */
final class MigratedDatabases {

    private final String name;
    private final Map<String, DataSource> databases = new LinkedHashMap<>();

    /** @param name the H2 database's name and the MariaDB database's prefix */
    MigratedDatabases(String name) {
        this.name = name;
    }

    synchronized DataSource get(String database) {
        return databases.computeIfAbsent(database, db -> {
            DataSource dataSource;
            String vendor;
            if (db.equals("H2")) {
                dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + name.replace('_', '-') + ";DB_CLOSE_DELAY=-1", "sa", "");
                vendor = "h2";
            }
            else {
                dataSource = new DriverManagerDataSource(MariaDbServer.newDatabase(name), MariaDbServer.user(), "");
                vendor = "mysql";
            }
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor).load().migrate();
            return dataSource;
        });
    }
}
