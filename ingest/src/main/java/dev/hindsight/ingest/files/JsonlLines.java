package dev.hindsight.ingest.files;

import dev.hindsight.core.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Writes an event as one line of the generic jsonl format: what {@link JsonlDecoder} reads back as the same event. */
public final class JsonlLines {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonlLines() {}

    public static String line(Event e) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("at", e.occurredAt().toString());
        record.put("id", e.dedupKey());
        record.put("source", e.source());
        record.put("kind", e.kind().name());
        record.put("title", e.title());
        optional(record, "text", e.text());
        optional(record, "actor", e.actor());
        optional(record, "service", e.service());
        optional(record, "host", e.host());
        optional(record, "location", e.location());
        optional(record, "severity", e.severity());
        if (!e.labels().isEmpty()) {
            record.put("labels", e.labels());
        }
        return JSON.writeValueAsString(record);
    }

    private static void optional(Map<String, Object> record, String name, @Nullable String value) {
        if (value != null) {
            record.put(name, value);
        }
    }
}
