package dev.hindsight.ingest.kafka;

import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.store.EventBatch;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
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

    /**
     * The record header naming the batch's incident, outside the value: a consumer that cannot read the value still
     * knows whose letter it is, and keeps it as hidden as that incident.
     */
    static final String INCIDENT_HEADER = "hindsight-incident";

    private BatchCodec() {}

    static byte[] encode(EventBatch batch) {
        return JSON.writeValueAsBytes(batch);
    }

    static EventBatch decode(byte[] value) {
        return JSON.readValue(value, EventBatch.class);
    }

    /**
     * The incident of a record {@link #decode} refuses: its header, else read leniently from its value; null when
     * neither names one that fits an incident key's length (the column a letter keeps it in, so that keeping
     * the letter cannot fail, and be retried for ever, on what the record says).
     */
    static @Nullable String incidentKeyOf(@Nullable Header header, byte[] value) {
        String fromHeader = header == null || header.value() == null
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
        if (fitsAKey(fromHeader)) {
            return fromHeader;
        }
        String fromValue = incidentKeyIn(value);
        return fitsAKey(fromValue) ? fromValue : null;
    }

    private static @Nullable String incidentKeyIn(byte[] value) {
        try {
            JsonNode key = JSON.readTree(value).get("incidentKey");
            return key != null && key.isString() ? key.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean fitsAKey(@Nullable String key) {
        return key != null && !key.isEmpty() && key.length() <= IncidentDirectory.MAX_KEY_LENGTH;
    }
}
