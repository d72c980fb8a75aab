package dev.hindsight.ingest.source.generic;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.support.LocalTimeline;
import dev.hindsight.ingest.support.Timestamps;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The column mapping of the generic formats, shared by jsonl and csv: {@code at} and {@code title} are required;
 * {@code id}, {@code source}, {@code kind}, {@code text}, {@code service}, {@code host}, {@code location},
 * {@code actor}, {@code severity} and labels are optional.
 */
final class GenericRecord {

    static final int MAX_SOURCE = 64;

    private GenericRecord() {}

    /**
     * Maps one record's fields to an event.
     *
     * @param field the record's value for a field name, or null when absent or empty
     * @param defaultSource {@code jsonl} or {@code csv}
     * @param contentHash the dedup key when the record has no {@code id}: a hash of the record itself
     * @throws SourceDataException naming the field at fault
     */
    static Event toEvent(
            Function<String, @Nullable String> field,
            Map<String, String> labels,
            String defaultSource,
            String contentHash,
            RawRecord raw,
            LocalTimeline times,
            DecodeContext context) {
        String at = require(field, "at");
        String title = require(field, "title");
        Timestamps.Parsed time = Timestamps.parseIso(at, times)
                .orElseThrow(() -> new SourceDataException("field 'at' is not an ISO-8601 time: '" + at + "'"));
        String source = orDefault(field.apply("source"), defaultSource);
        if (source.length() > MAX_SOURCE) {
            throw new SourceDataException("field 'source' is longer than " + MAX_SOURCE + " characters");
        }
        String kindText = field.apply("kind");
        EventKind kind = kindText == null
                ? EventKind.NOTE
                : EventKind.parse(kindText).orElseThrow(() -> new SourceDataException(
                        "field 'kind' is '" + kindText + "', not one of "
                                + java.util.Arrays.toString(EventKind.values())));
        String id = field.apply("id");
        Event.Builder event = time.applyTo(Event.builder(source, kind, time.instant(), title))
                .text(field.apply("text"))
                .service(field.apply("service"))
                .host(field.apply("host"))
                .location(field.apply("location"))
                .actor(field.apply("actor"))
                .severity(field.apply("severity"))
                .labels(labels)
                .dedupKey(id != null ? id : contentHash)
                .raw(raw);
        if (context.provider() != null) {
            event.provider(true).label("provider", context.provider());
        }
        return event.build();
    }

    private static String require(Function<String, @Nullable String> field, String name) {
        String value = field.apply(name);
        if (value == null) {
            throw new SourceDataException("field '" + name + "' is required");
        }
        return value;
    }

    private static String orDefault(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
    }
}
