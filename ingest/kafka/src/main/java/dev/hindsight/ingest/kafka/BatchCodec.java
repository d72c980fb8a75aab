package dev.hindsight.ingest.kafka;

import dev.hindsight.core.store.EventBatch;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch as a Kafka record's value: JSON of the records it is made of (events with their raw bytes, dead letters, the
 * incident, the checkpoint and the writer), so the consumer stores exactly what the writer decoded.
 */
final class BatchCodec {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private BatchCodec() {}

    static byte[] encode(EventBatch batch) {
        return JSON.writeValueAsBytes(batch);
    }

    static EventBatch decode(byte[] value) {
        return JSON.readValue(value, EventBatch.class);
    }

    /** The incident a value names, read leniently from a value {@link #decode} refuses; null when it names none. */
    static @Nullable String incidentKeyOf(byte[] value) {
        try {
            JsonNode key = JSON.readTree(value).get("incidentKey");
            return key != null && key.isString() ? key.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
