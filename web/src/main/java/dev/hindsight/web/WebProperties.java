package dev.hindsight.web;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The application's own settings: where the data lives ({@code hindsight.data}, the one place it is bound) and the
 * web module's settings ({@code hindsight.web.*}).
 *
 * @param data the data directory: embedded database, index, uploads, backups, samples
 */
@ConfigurationProperties("hindsight")
record WebProperties(@DefaultValue("./data") Path data, @DefaultValue Web web) {

    /**
     * @param samples load the sample incidents on a first start with an empty data directory
     * @param hooksPerMinute webhook deliveries one sender may make per minute before it gets 429
     */
    record Web(@DefaultValue("true") boolean samples, @DefaultValue("1200") int hooksPerMinute) {}
}
