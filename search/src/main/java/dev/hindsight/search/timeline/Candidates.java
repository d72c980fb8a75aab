package dev.hindsight.search.timeline;

import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.text.Texts;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step 1: which events belong on the timeline, each with why. The events attached to the incident; in its window
 * (with lead and lag), those that match its scope or share a host, site, ticket, IP, paging incident, alert or thread
 * with what is attached; then, for a bounded number of rounds, those that share a specific entity with what came in.
 */
final class Candidates {

    /** Rounds of growing the evidence from what was included. */
    static final int EXPANSION_ROUNDS = 2;

    private Candidates() {}

    /** The reason each event is a candidate, by its position in time order; null for an event left out. */
    static String[] reasons(IncidentSummary incident, ExtractedEvents events, Set<String> attachedIds,
            Set<String> scope) {
        int n = events.size();
        String[] reasons = new String[n];
        Map<String, String> attachedStrong = new TreeMap<>(); // strong entity or service -> an attached event's title
        for (int i = 0; i < n; i++) {
            StoredEvent e = events.at(i);
            if (attachedIds.contains(e.id())) {
                reasons[i] = "attached to " + incident.key();
                events.entities().get(i).stream().filter(x -> Entities.strong(x) || x.startsWith("svc:"))
                        .forEach(x -> attachedStrong.putIfAbsent(x, e.event().title()));
            }
        }
        boolean openWindow = attachedIds.isEmpty() && scope.isEmpty();
        for (int i = 0; i < n; i++) {
            StoredEvent e = events.at(i);
            if (reasons[i] != null) {
                continue;
            }
            if (scope.contains(e.id())) {
                reasons[i] = "matches the incident's scope";
            } else if (openWindow && inWindow(e, incident)) {
                reasons[i] = "in the incident window";
            } else {
                int at = i;
                shared(events.fields().get(i), events.entities().get(i), attachedStrong)
                        .ifPresent(x -> reasons[at] = because(x, attachedStrong.get(x)));
            }
        }
        // the evidence grows from what came in (a change naming three hosts brings their alerts), a bounded number of
        // rounds and only through specific entities: sites and services would let unrelated noise snowball in. An open
        // window (nothing attached, no scope) takes only what lies inside it, so there is nothing to grow.
        for (int round = 0; round < EXPANSION_ROUNDS && !openWindow; round++) {
            if (!grow(events, reasons)) {
                break;
            }
        }
        return reasons;
    }

    /** One round of growth; false when nothing new came in. */
    private static boolean grow(ExtractedEvents events, String[] reasons) {
        Map<String, String> included = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (reasons[i] != null) {
                String title = events.at(i).event().title();
                events.entities().get(i).stream().filter(x -> Entities.strong(x) && !x.startsWith("site:"))
                        .forEach(x -> included.putIfAbsent(x, title));
            }
        }
        boolean grew = false;
        for (int i = 0; i < events.size(); i++) {
            if (reasons[i] == null) {
                Optional<String> via = shared(events.fields().get(i), events.entities().get(i), included)
                        .filter(x -> !x.startsWith("svc:"));
                if (via.isPresent()) {
                    reasons[i] = because(via.get(), included.get(via.get()));
                    grew = true;
                }
            }
        }
        return grew;
    }

    private static String because(String entity, String title) {
        return "shares " + Entities.describe(entity) + " with \"" + Texts.clip(title, 80) + "\"";
    }

    /**
     * The entity by which a window event joins, if any: evidence that names its own host joins by that host (or an IP,
     * ticket, page, fingerprint or thread), not just by sharing a site, a service or an alert name: a data center holds
     * many boxes that have nothing to do with the incident, and many boxes fire alerts of the same name.
     */
    private static Optional<String> shared(Set<String> fields, Set<String> entities, Map<String, String> known) {
        boolean ownHost = fields.stream().anyMatch(x -> x.startsWith("host:"));
        return entities.stream().filter(known::containsKey)
                .filter(x -> !ownHost || (Entities.strong(x) && !x.startsWith("site:") && !x.startsWith("alert:")))
                .sorted(Comparator.comparing((String x) -> x.startsWith("svc:")).thenComparing(x -> x))
                .findFirst();
    }

    static boolean inWindow(StoredEvent e, IncidentSummary incident) {
        Instant at = e.event().occurredAt();
        return !at.isBefore(incident.from()) && !at.isAfter(incident.to());
    }
}
