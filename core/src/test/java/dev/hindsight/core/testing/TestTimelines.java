package dev.hindsight.core.testing;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.timeline.Timeline.Entry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Timeline entries and timelines with sensible defaults, for tests of what reads timelines (reports, exports, the
 * dashboard): {@code TestTimelines.entry("Packet loss").minute(3).storyline("s1").build()}.
 */
public final class TestTimelines {

    private TestTimelines() {}

    public static EntryBuilder entry(String title) {
        return new EntryBuilder(title);
    }

    /** A timeline of these entries for incident {@code key}, with no moments, storylines or findings. */
    public static Timeline of(String key, List<Entry> entries) {
        Instant from = entries.stream().map(Entry::at).min(Instant::compareTo).orElse(TestEvents.T0);
        Instant to = entries.stream().map(Entry::at).max(Instant::compareTo).orElse(from);
        return new Timeline(new Timeline.Incident(key, key, from, to), List.of(),
                new Timeline.Metrics(null, null, null, null, null), new ArrayList<>(entries), List.of(), List.of());
    }

    /** A fluent timeline entry. */
    public static final class EntryBuilder {
        private final String title;
        private String id;
        private Instant at = TestEvents.T0;
        private String source = "test";
        private EventKind kind = EventKind.NOTE;
        private String storyline = "s1";
        private int count = 1;
        private String reason = "attached";
        private @Nullable String actor;
        private boolean pinned;
        private @Nullable String note;
        private @Nullable String host;
        private @Nullable String service;

        private EntryBuilder(String title) {
            this.title = title;
            this.id = "ev_" + Integer.toHexString(title.hashCode());
        }

        public EntryBuilder id(String value) {
            id = value;
            return this;
        }

        public EntryBuilder minute(double minutes) {
            at = TestEvents.T0.plusMillis(Math.round(minutes * 60_000));
            return this;
        }

        public EntryBuilder source(String value) {
            source = value;
            return this;
        }

        public EntryBuilder kind(EventKind value) {
            kind = value;
            return this;
        }

        public EntryBuilder storyline(String value) {
            storyline = value;
            return this;
        }

        public EntryBuilder count(int value) {
            count = value;
            return this;
        }

        public EntryBuilder by(String value) {
            actor = value;
            return this;
        }

        public EntryBuilder pinned(String withNote) {
            pinned = true;
            note = withNote;
            return this;
        }

        public EntryBuilder host(String value) {
            host = value;
            return this;
        }

        public EntryBuilder service(String value) {
            service = value;
            return this;
        }

        public EntryBuilder reason(String value) {
            reason = value;
            return this;
        }

        public Entry build() {
            return new Entry(id, at, source, kind, title, storyline, count, null, reason, actor, false, null, pinned,
                    note, null, service, host);
        }
    }
}
