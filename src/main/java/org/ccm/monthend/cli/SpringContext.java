package org.ccm.monthend.cli;

import org.ccm.monthend.CcmMonthEndApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application context for a command, with every {@code --name=value} Spring property of the command line. */
final class SpringContext {

    private SpringContext() {
    }

    static ConfigurableApplicationContext start(String[] args) {
        SpringApplication app = new SpringApplication(CcmMonthEndApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setWebApplicationType(WebApplicationType.NONE);
        // the close registers its own hook so SIGTERM stops a run cleanly before anything is torn down
        app.setRegisterShutdownHook(false);
        return app.run(args);
    }
}
