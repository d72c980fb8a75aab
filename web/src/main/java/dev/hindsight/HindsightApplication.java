package dev.hindsight;

import dev.hindsight.web.cli.HindsightCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Hindsight: incident timelines and post-mortems from the raw traces an outage leaves behind. One jar: with no
 * arguments (or {@code serve}) it runs the web UI and REST API; otherwise it runs a command of the CLI contract.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HindsightApplication {

    public static void main(String[] args) {
        int exit = HindsightCli.run(args);
        if (exit != HindsightCli.KEEP_RUNNING) {
            System.exit(exit);
        }
    }
}
