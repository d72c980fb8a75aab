package dev.hindsight.search.timeline;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the timeline engine (the contract's defaults), set as {@code hindsight.search.timeline.*}.
 *
 * @param lead how far before the incident window events are considered
 * @param lag how far after it
 * @param collapseWithin repeats of the same alert or page closer than this fold into one entry
 * @param detectionGap people reporting a problem this long before any alert of its storyline is a detection gap
 * @param commsGap this long without an own status update during the incident is a communications gap
 * @param providerDiscrepancy a provider's stated time this far from our evidence is a discrepancy
 * @param dataGap a source that speaks often and is silent this long is a data gap
 * @param clockSkew a source mirroring another at a consistent offset over this is skewed
 * @param changeLead a change to a storyline's systems at most this long before its first alert is where the impact
 *     may have begun
 */
public record TimelineSettings(
        @DefaultValue("PT30M") Duration lead,
        @DefaultValue("PT30M") Duration lag,
        @DefaultValue("PT1H") Duration collapseWithin,
        @DefaultValue("PT2M") Duration detectionGap,
        @DefaultValue("PT1H") Duration commsGap,
        @DefaultValue("PT10M") Duration providerDiscrepancy,
        @DefaultValue("PT30M") Duration dataGap,
        @DefaultValue("PT1M") Duration clockSkew,
        @DefaultValue("PT1H") Duration changeLead) {

    public static TimelineSettings defaults() {
        return new TimelineSettings(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofHours(1),
                Duration.ofMinutes(2),
                Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(1),
                Duration.ofHours(1));
    }
}
