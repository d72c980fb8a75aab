package dev.hindsight.core.timeline;

import dev.hindsight.core.incident.IncidentSummary;
import java.util.List;

/**
 * An incident that reads like another, and why.
 *
 * @param sharedWords distinctive words both incidents' events use
 * @param sharedEntities services, hosts, sites and providers both involve ({@code service payments})
 * @param reason the two above in a sentence
 */
public record SimilarIncident(
        String key,
        String title,
        IncidentSummary incident,
        double score,
        List<String> sharedWords,
        List<String> sharedEntities,
        String reason) {

    public SimilarIncident {
        sharedWords = List.copyOf(sharedWords);
        sharedEntities = List.copyOf(sharedEntities);
    }
}
