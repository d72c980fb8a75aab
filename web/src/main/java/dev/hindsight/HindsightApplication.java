package dev.hindsight;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Hindsight: incident timelines and post-mortems from the raw traces an outage leaves behind. The Spring application
 * of every module under {@code dev.hindsight}; the program's entry point is {@link dev.hindsight.web.HindsightCli},
 * which runs a command of the CLI contract or serves the web UI and REST API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HindsightApplication {}
