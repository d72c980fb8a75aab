package dev.hindsight.core.testing;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.core.event.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Test events with sensible defaults: {@code TestEvents.alert("edge1 packet loss").minute(3).host("edge1")
 * .attachedTo("INC-1").stored()}. Times count in minutes from {@link #T0} (the LastPass outage's first alert); the
 * dedup key defaults to source, time, kind and title, so two builders of the same thing are the same event.
 */
public final class TestEvents {

    public static final Instant T0 = Instant.parse("2014-08-12T07:50:00Z");

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private TestEvents() {}

    public static Builder of(EventKind kind, String title) {
        return new Builder(kind, title);
    }

    public static Builder alert(String title) {
        return of(EventKind.ALERT_FIRING, title).source("alertmanager");
    }

    public static Builder resolved(String title) {
        return of(EventKind.ALERT_RESOLVED, title).source("alertmanager");
    }

    public static Builder page(String title) {
        return of(EventKind.PAGE_TRIGGERED, title).source("pagerduty");
    }

    public static Builder chat(String title) {
        return of(EventKind.CHAT_MESSAGE, title).source("slack");
    }

    public static Builder status(String title, String state) {
        return of(EventKind.STATUS_UPDATE, title).source("statuspage").label("status", state);
    }

    /** A fluent event; unset fields stay empty. */
    public static final class Builder {
        private final EventKind kind;
        private final String title;
        private String source = "test";
        private Instant at = T0;
        private @Nullable String host;
        private @Nullable String service;
        private @Nullable String location;
        private @Nullable String actor;
        private @Nullable String severity;
        private @Nullable String text;
        private @Nullable String dedupKey;
        private boolean provider;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private Set<String> incidents = Set.of();

        private Builder(EventKind kind, String title) {
            this.kind = kind;
            this.title = title;
        }

        public Builder source(String value) {
            source = value;
            return this;
        }

        /** Minutes after {@link #T0} (negative: before). */
        public Builder minute(double minutes) {
            at = T0.plusMillis(Math.round(minutes * 60_000));
            return this;
        }

        public Builder at(Instant value) {
            at = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder service(String value) {
            service = value;
            return this;
        }

        public Builder location(String value) {
            location = value;
            return this;
        }

        public Builder by(String value) {
            actor = value;
            return this;
        }

        public Builder severity(String value) {
            severity = value;
            return this;
        }

        public Builder text(String value) {
            text = value;
            return this;
        }

        public Builder dedupKey(String value) {
            dedupKey = value;
            return this;
        }

        public Builder provider() {
            provider = true;
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        public Builder attachedTo(String... keys) {
            incidents = Set.of(keys);
            return this;
        }

        public Event event() {
            String raw = "{\"title\":\"" + title.replace("\"", "'") + "\"}";
            return Event.builder(source, kind, at, title).host(host).service(service).location(location).actor(actor)
                    .severity(severity).text(text).labels(labels).provider(provider)
                    .dedupKey(dedupKey != null ? dedupKey : source + "|" + at + "|" + kind + "|" + title)
                    .raw(new RawRecord("test#" + at, raw.getBytes(StandardCharsets.UTF_8), "test/1")).build();
        }

        /** As the store holds it: with the next sequence number and its incidents. */
        public StoredEvent stored() {
            Event e = event();
            return new StoredEvent(e.id(), SEQUENCE.incrementAndGet(), at, e, incidents);
        }
    }
}
