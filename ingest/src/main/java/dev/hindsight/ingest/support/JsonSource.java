package dev.hindsight.ingest.support;

import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.Envelope;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Helpers for decoders of JSON documents: bounded reads, readable field access, one rejection per bad entry. */
public final class JsonSource {

    /** Largest single JSON document read; bigger ones are refused instead of filling the heap. */
    public static final int MAX_DOCUMENT = 64 * 1024 * 1024;

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonSource() {}

    /** Reads the whole file as one JSON document. */
    public static JsonNode read(SourceFile file) throws IOException {
        try (InputStream in = file.open()) {
            byte[] bytes = in.readNBytes(MAX_DOCUMENT + 1);
            if (bytes.length > MAX_DOCUMENT) {
                throw new SourceDataException("the document is larger than " + (MAX_DOCUMENT >> 20) + " MiB");
            }
            return parse(bytes);
        }
    }

    public static JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new SourceDataException("the document is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new SourceDataException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** The text of a field, or null when absent, null or blank. */
    public static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text = value.isValueNode() ? value.asString() : value.toString();
        return text.isBlank() ? null : text;
    }

    public static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new SourceDataException("field '" + field + "' is missing");
        }
        return value;
    }

    /** An RFC 3339 time field; missing or malformed is a rejection naming the field. */
    public static Timestamps.Parsed time(JsonNode node, String field) {
        String text = required(node, field);
        return Timestamps.parseIso(text, new LocalTimeline(java.time.ZoneOffset.UTC))
                .orElseThrow(
                        () -> new SourceDataException("field '" + field + "' is not an RFC 3339 time: '" + text + "'"));
    }

    /** A flat string map of an object field (labels, annotations); scalars only, nested values as JSON. */
    public static Map<String, String> strings(JsonNode node, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode object = node.get(field);
        if (object != null && object.isObject()) {
            object.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString());
                }
            });
        }
        return map;
    }

    public static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static RawRecord raw(String position, JsonNode node, String parser) {
        return new RawRecord(position, bytes(node), parser);
    }

    /**
     * Decodes the elements of the array {@code field} of {@code container} one by one: a bad element is rejected with
     * its index, kept with the container around it so that a replay decodes it as this import would have; the rest go
     * on.
     */
    public static void eachEntryIn(JsonNode container, String field, String file, RecordSink sink,
            Function<Entry, @Nullable Event> decode) {
        each(container.get(field), file, field, sink, decode,
                () -> Envelope.inJsonArray(documentName(file), container, field));
    }

    /** As {@link #eachEntryIn} for an array that is the document itself. */
    public static void eachEntry(JsonNode array, String file, String what, RecordSink sink,
            Function<Entry, @Nullable Event> decode) {
        each(array, file, what, sink, decode, () -> Envelope.inArray(documentName(file)));
    }

    private static void each(@Nullable JsonNode array, String file, String what, RecordSink sink,
            Function<Entry, @Nullable Event> decode, Supplier<Envelope> envelope) {
        if (array == null || !array.isArray()) {
            throw new SourceDataException("expected an array '" + what + "'");
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String position = file + "#" + what + "[" + i + "]";
            try {
                Event event = decode.apply(new Entry(element, position, i));
                if (event != null) {
                    sink.event(event);
                }
            } catch (SourceDataException e) {
                // the envelope copies the document: made only for the rare element that is rejected
                sink.rejected(position, what + "[" + i + "]: " + e.getMessage(), bytes(element), envelope.get());
            } catch (Skip skip) {
                sink.skipped(position, skip.getMessage());
            }
        }
    }

    /**
     * The name of the document a position is in: without the elements' places ({@code a.json#0#alerts[2]} is
     * {@code a.json}).
     */
    static String documentName(String origin) {
        return origin.replaceAll("(#(\\w+\\[\\d+]|\\d+))+$", "");
    }

    /** A node as the only element of an array, for a file that holds one record of a format of many. */
    public static JsonNode arrayOf(JsonNode node) {
        return MAPPER.createArrayNode().add(node);
    }

    /** One element of an array being decoded, with its position for provenance. */
    public record Entry(JsonNode node, String position, int index) {}

    /** Thrown by an entry decoder for a well-formed record with no timeline meaning. */
    public static final class Skip extends RuntimeException {
        public Skip(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The head of a file as text, for format sniffing. */
    public static String head(byte[] head) {
        return new String(head, StandardCharsets.UTF_8);
    }

    /** Whether the text contains {@code "key"} followed by a colon, allowing whitespace. */
    public static boolean hasKey(String text, String key) {
        int at = text.indexOf('"' + key + '"');
        while (at >= 0) {
            int i = at + key.length() + 2;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == ':') {
                return true;
            }
            at = text.indexOf('"' + key + '"', at + 1);
        }
        return false;
    }

    /** Epoch milliseconds as an instant, checked for plausibility. */
    public static Instant epochMillis(long millis, String original) {
        Instant instant = Instant.ofEpochMilli(millis);
        Timestamps.requirePlausible(instant, original);
        return instant;
    }
}
