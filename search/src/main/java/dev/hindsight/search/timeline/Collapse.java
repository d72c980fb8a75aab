package dev.hindsight.search.timeline;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Step 2: repeats of one alert or page fold into one entry with a count and a range. Only repeats of the same alert
 * identity fold: two different alerts on one host (a warning and a critical of other names) stay two entries.
 */
final class Collapse {

    static final Set<EventKind> COLLAPSIBLE = Collections.unmodifiableSet(EnumSet.of(EventKind.ALERT_FIRING,
            EventKind.ALERT_RESOLVED, EventKind.PAGE_NOTIFIED, EventKind.PAGE_ESCALATED, EventKind.LOG_LINE));

    private Collapse() {}

    /** The candidates (those with a reason) as entry groups, in time order. */
    static List<EntryGroup> groups(ExtractedEvents events, String[] reasons, Duration within) {
        List<Integer> candidateAt = IntStream.range(0, events.size()).filter(i -> reasons[i] != null).boxed().toList();
        List<EntryGroup> groups = new ArrayList<>();
        Map<String, EntryGroup> open = new HashMap<>();
        // what each repeat is a repeat of depends on the event alone: worked out on every core
        List<@Nullable String> keys = candidateAt.parallelStream().map(i -> {
            Event ev = events.at(i).event();
            if (!COLLAPSIBLE.contains(ev.kind())) {
                return null;
            }
            String key = ev.source() + "|" + ev.kind() + "|" + identity(ev);
            key.hashCode(); // a string keeps its hash: hashed here, on every core, not in the loop below
            return key;
        }).toList();
        for (int c = 0; c < candidateAt.size(); c++) {
            int i = candidateAt.get(c);
            StoredEvent e = events.at(i);
            String key = keys.get(c);
            EntryGroup group = key == null ? null : open.get(key);
            if (group != null && Duration.between(group.last().event().occurredAt(), e.event().occurredAt())
                    .compareTo(within) <= 0) {
                group.events.add(e);
            } else {
                group = new EntryGroup(e, events.fields().get(i), events.entities().get(i), reasons[i]);
                groups.add(group);
                if (key != null) {
                    open.put(key, group);
                }
            }
        }
        return groups;
    }

    /**
     * What makes two notifications "the same alert": its fingerprint; else its host and service, its name (the
     * {@code alertname} label) and severity, and its title without numbers. Names and severities keep a warning and a
     * critical whose titles read alike apart.
     */
    static String identity(Event e) {
        String fingerprint = e.labels().get("fingerprint");
        if (fingerprint != null) {
            return fingerprint;
        }
        return e.host() + "|" + e.service() + "|" + e.labels().getOrDefault("alertname", "") + "|" + e.severity() + "|"
                + withoutNumbers(e.title());
    }

    /**
     * The title with each run of digits and number punctuation ({@code 0-9 . , : %}) as one {@code #}: two firings of
     * the same alert differ only in their numbers. By hand, not a pattern: it runs for every alert of a window.
     */
    static String withoutNumbers(String title) {
        StringBuilder out = new StringBuilder(title.length());
        boolean inNumber = false;
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            boolean numeric = (c >= '0' && c <= '9') || c == '.' || c == ',' || c == ':' || c == '%';
            if (!numeric) {
                out.append(c);
            } else if (!inNumber) {
                out.append('#');
            }
            inNumber = numeric;
        }
        return out.toString();
    }
}
