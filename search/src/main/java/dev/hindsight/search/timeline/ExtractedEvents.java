package dev.hindsight.search.timeline;

import dev.hindsight.core.event.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.stream.IntStream;

/**
 * The events a timeline is built from, oldest first (then by id, each id once), with what was extracted from each:
 * its structured entities and all its entities. Every step walks them in this order and finds an event's entities by
 * its position, so no map of the whole window is ever built.
 */
record ExtractedEvents(List<StoredEvent> inOrder, List<NavigableSet<String>> fields,
        List<NavigableSet<String>> entities) {

    /** Sorts the events (the window's rows come oldest first: the sort is near linear) and extracts on every core. */
    static ExtractedEvents of(List<StoredEvent> events) {
        List<StoredEvent> inOrder = sortedDistinct(events);
        int n = inOrder.size();
        Entities.Names names = new Entities.Names();
        List<NavigableSet<String>> fields = IntStream.range(0, n).parallel()
                .mapToObj(i -> Entities.structured(inOrder.get(i).event(), names)).toList();
        Entities entities = new Entities(fields); // in time order: the first type seen wins
        List<NavigableSet<String>> all = IntStream.range(0, n).parallel()
                .mapToObj(i -> entities.of(inOrder.get(i).event(), fields.get(i))).toList();
        return new ExtractedEvents(inOrder, fields, all);
    }

    int size() {
        return inOrder.size();
    }

    StoredEvent at(int i) {
        return inOrder.get(i);
    }

    private static List<StoredEvent> sortedDistinct(List<StoredEvent> events) {
        events.sort(Comparator.comparing((StoredEvent e) -> e.event().occurredAt()).thenComparing(StoredEvent::id));
        List<StoredEvent> distinct = new ArrayList<>(events.size());
        for (StoredEvent e : events) {
            if (distinct.isEmpty() || !distinct.getLast().id().equals(e.id())) {
                distinct.add(e);
            }
        }
        return distinct;
    }
}
