package dev.hindsight.core.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One normalized record of something that happened, as a decoder produced it and before the store assigned it a
 * sequence number.
 *
 * <p>Times: {@code occurredAt} is the UTC instant the source says the thing happened; {@code originalTime} keeps the
 * timestamp exactly as the source wrote it and {@code originalZone} the zone it was read in. When the source carried no
 * zone (IRC, RFC 3164 syslog) the configured zone was assumed and {@code zoneAssumed} says so.
 *
 * @param source the source name of the contract ({@code alertmanager}, {@code slack}, {@code jsonl}, {@code manual}...)
 * @param dedupKey the source's natural key; the same key in the same source is the same event
 * @param provider true when the record is a statement of an outside provider, never our own communication
 */
public record Event(
        String source,
        EventKind kind,
        Instant occurredAt,
        @Nullable String originalTime,
        @Nullable String originalZone,
        boolean zoneAssumed,
        String title,
        @Nullable String text,
        @Nullable String actor,
        @Nullable String service,
        @Nullable String host,
        @Nullable String location,
        @Nullable String severity,
        Map<String, String> labels,
        List<String> links,
        boolean provider,
        String dedupKey,
        @Nullable RawRecord raw) {

    public Event {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(dedupKey, "dedupKey");
        labels = Map.copyOf(labels);
        links = List.copyOf(links);
    }

    /** The stable id of this event, derived from source and dedup key. */
    public String id() {
        return EventId.of(source, dedupKey);
    }

    /** This event with one more label. */
    public Event withLabel(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(labels);
        more.put(name, value);
        return new Event(source, kind, occurredAt, originalTime, originalZone, zoneAssumed, title, text, actor, service,
                host, location, severity, more, links, provider, dedupKey, raw);
    }

    public static Builder builder(String source, EventKind kind, Instant occurredAt, String title) {
        return new Builder(source, kind, occurredAt, title);
    }

    /** Fluent construction for decoders and tests; unset optional fields stay null or empty. */
    public static final class Builder {
        private final String source;
        private final EventKind kind;
        private final Instant occurredAt;
        private final String title;
        private @Nullable String originalTime;
        private @Nullable String originalZone;
        private boolean zoneAssumed;
        private @Nullable String text;
        private @Nullable String actor;
        private @Nullable String service;
        private @Nullable String host;
        private @Nullable String location;
        private @Nullable String severity;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> links = new ArrayList<>();
        private boolean provider;
        private @Nullable String dedupKey;
        private @Nullable RawRecord raw;

        private Builder(String source, EventKind kind, Instant occurredAt, String title) {
            this.source = source;
            this.kind = kind;
            this.occurredAt = occurredAt;
            this.title = title;
        }

        public Builder originalTime(@Nullable String text, @Nullable String zone, boolean assumed) {
            this.originalTime = text;
            this.originalZone = zone;
            this.zoneAssumed = assumed;
            return this;
        }

        public Builder text(@Nullable String value) {
            this.text = value;
            return this;
        }

        public Builder actor(@Nullable String value) {
            this.actor = value;
            return this;
        }

        public Builder service(@Nullable String value) {
            this.service = value;
            return this;
        }

        public Builder host(@Nullable String value) {
            this.host = value;
            return this;
        }

        public Builder location(@Nullable String value) {
            this.location = value;
            return this;
        }

        public Builder severity(@Nullable String value) {
            this.severity = value;
            return this;
        }

        public Builder label(String name, String value) {
            this.labels.put(name, value);
            return this;
        }

        public Builder labels(Map<String, String> values) {
            this.labels.putAll(values);
            return this;
        }

        public Builder link(String url) {
            this.links.add(url);
            return this;
        }

        public Builder provider(boolean value) {
            this.provider = value;
            return this;
        }

        /** The line key of a line-based log needs the host and time the decoder found. */
        public String lineKey(LineKeys keys, byte[] text) {
            return keys.next(host, occurredAt, text);
        }

        public Builder dedupKey(String value) {
            this.dedupKey = value;
            return this;
        }

        public Builder raw(@Nullable RawRecord value) {
            this.raw = value;
            return this;
        }

        public Event build() {
            String key = dedupKey != null ? dedupKey : occurredAt + "|" + kind + "|" + title;
            return new Event(source, kind, occurredAt, originalTime, originalZone, zoneAssumed, title, text, actor,
                    service, host, location, severity, labels, links, provider, key, raw);
        }
    }
}
