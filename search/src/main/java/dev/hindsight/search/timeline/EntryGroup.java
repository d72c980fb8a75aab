package dev.hindsight.search.timeline;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Events folded into one entry: the first stands for the rest, and what was extracted from the first (its fields,
 * entities and words) travels with the group, as do the storyline decisions made about it.
 */
final class EntryGroup {
    final StoredEvent first;
    final List<StoredEvent> events = new ArrayList<>();
    final NavigableSet<String> fields;
    final NavigableSet<String> entities;
    final String reason;
    /** What it links by (evidence only) and its strong entities: set on every core before clustering. */
    List<String> links = List.of();
    List<String> strong = List.of();
    /** Set only for the groups that are placed by their words. */
    Set<String> words = Set.of();
    /** The cluster it was put in by its own entities or service, if any. */
    @Nullable
    String root;
    @Nullable
    String storyline;

    EntryGroup(StoredEvent first, NavigableSet<String> fields, NavigableSet<String> entities, String reason) {
        this.first = first;
        this.fields = fields;
        this.entities = entities;
        this.reason = reason;
        events.add(first);
    }

    StoredEvent last() {
        return events.get(events.size() - 1);
    }

    EventKind kind() {
        return first.event().kind();
    }

    /** The organisation's own status page speaking. */
    boolean isOwnStatus() {
        return kind() == EventKind.STATUS_UPDATE && !first.event().provider();
    }

    /** Alerts, pages, changes, logs and provider notices: what storylines are built from (people's words join them). */
    boolean isEvidence() {
        return !TimelineAssembler.HUMAN.contains(kind()) && !isOwnStatus();
    }

    /** The storyline it was put in; set for every group once storylines are built. */
    String storylineId() {
        if (storyline == null) {
            throw new IllegalStateException("storylines are not built yet");
        }
        return storyline;
    }
}
