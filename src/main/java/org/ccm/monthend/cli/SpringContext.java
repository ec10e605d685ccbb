package org.ccm.monthend.cli;

import java.util.concurrent.atomic.AtomicReference;

import org.ccm.monthend.CcmMonthEndApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application context for a command, with every {@code --name=value} Spring property of the command line. */
final class SpringContext {

    private SpringContext() {
    }

    /** A context that did not start, with the database URL it was configured with (to name the server). */
    static final class StartFailed extends RuntimeException {

        private final String datasourceUrl;

        StartFailed(RuntimeException cause, String datasourceUrl) {
            super(cause.getMessage(), cause);
            this.datasourceUrl = datasourceUrl;
        }

        String datasourceUrl() {
            return datasourceUrl;
        }
    }

    static ConfigurableApplicationContext start(String[] args) {
        return start(args, WebApplicationType.NONE);
    }

    /** As {@link #start(String[])}; only {@code serve} asks for {@link WebApplicationType#SERVLET}. */
    static ConfigurableApplicationContext start(String[] args, WebApplicationType type) {
        SpringApplication app = new SpringApplication(CcmMonthEndApplication.class);
        AtomicReference<String> datasourceUrl = new AtomicReference<>();
        app.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) prepared ->
                datasourceUrl.set(prepared.getEnvironment().getProperty("spring.datasource.url")));
        app.setBannerMode(Banner.Mode.OFF);
        app.setWebApplicationType(type);
        // the close registers its own hook so SIGTERM stops a run cleanly before anything is torn down
        app.setRegisterShutdownHook(false);
        try {
            return app.run(args);
        }
        catch (RuntimeException ex) {
            throw new StartFailed(ex, datasourceUrl.get());
        }
    }
}
