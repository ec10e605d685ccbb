package org.ccm.monthend;

import org.ccm.monthend.cli.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The month-end pipeline. Commands are parsed first (picocli); each command then starts the Spring context it needs. */
@SpringBootApplication
public class CcmMonthEndApplication {

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
