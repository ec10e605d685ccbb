package org.ccm.monthend.dbserver;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the datasource at the H2 server of a running {@code serve} when the configured database is the embedded file
 * it hosts ({@link EmbeddedDatabaseServer}); with {@code ccm.console.host-embedded-database=true} ({@code serve}
 * sets it) this process starts hosting the file first and opens it in-process itself. Any other database URL is left alone.
 */
public final class EmbeddedServerRedirect implements EnvironmentPostProcessor, Ordered {

    public static final String HOST_PROPERTY = "ccm.console.host-embedded-database";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Optional<EmbeddedDatabaseServer.FileDatabase> database = EmbeddedDatabaseServer.FileDatabase.of(
                environment.getProperty("spring.datasource.url"));
        if (database.isEmpty()) {
            return;
        }
        Optional<String> url;
        if (environment.getProperty(HOST_PROPERTY, Boolean.class, false)) {
            // the host itself keeps the file URL: H2 gives its embedded sessions and the TCP server's the same open
            // database in this JVM, and the console's queries skip the loopback socket and the serialization (issue 14's
            // speed: a third of the console's CPU went there)
            EmbeddedDatabaseServer.host(database.get());
            url = Optional.empty();
        }
        else {
            url = EmbeddedDatabaseServer.runningServerUrl(database.get());
        }
        url.ifPresent(client -> environment.getPropertySources().addFirst(
                new MapPropertySource("ccmEmbeddedDatabaseServer", Map.of("spring.datasource.url", client))));
    }

    @Override
    public int getOrder() {
        // after the configuration files are read: the URL may come from config/application.yml
        return ConfigDataEnvironmentPostProcessor.ORDER + 10;
    }
}
