package dev.hindsight.search.timeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the timeline engine (the contract's defaults).
 *
 * @param lead how far before the incident window events are considered
 * @param lag how far after it
 * @param collapseWithin repeats of the same alert or page closer than this fold into one entry
 */
@ConfigurationProperties("hindsight.timeline")
public record TimelineSettings(
        @DefaultValue("PT30M") Duration lead,
        @DefaultValue("PT30M") Duration lag,
        @DefaultValue("PT1H") Duration collapseWithin,
        @DefaultValue("PT2M") Duration detectionGap,
        @DefaultValue("PT1H") Duration commsGap,
        @DefaultValue("PT10M") Duration providerDiscrepancy,
        @DefaultValue("PT30M") Duration dataGap,
        @DefaultValue("PT1M") Duration clockSkew) {

    public static TimelineSettings defaults() {
        return new TimelineSettings(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(1),
                Duration.ofMinutes(2),
                Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(1));
    }
}
