package dev.hindsight.ingest.source.generic;

import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.support.Lines;
import dev.hindsight.ingest.support.LocalTimeline;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * jsonl: one JSON object per line with the generic fields; blank lines are ignored. A document that is one JSON array
 * of such objects, or one object spread over several lines (a webhook body), is read as those records.
 */
class JsonlDecoder implements FormatDecoder {

    static final String PARSER = "jsonl/1";
    /** Longest line read; longer ones are rejected without being held in memory. */
    static final int MAX_LINE = 1 << 20;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String format() {
        return "jsonl";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return 90;
        }
        String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        int nl = start.indexOf('\n');
        String first = nl < 0 ? start : start.substring(0, nl);
        // one complete object on the first line with the generic fields, and not a JSON array or document
        return first.startsWith("{") && first.stripTrailing().endsWith("}") && first.contains("\"at\"")
                && first.contains("\"title\"")
                        ? 60
                        : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        LocalTimeline times = new LocalTimeline(context.zone());
        if (isDocument(file)) {
            JsonNode root = JsonSource.read(file);
            if (root.isArray()) {
                JsonSource.eachEntry(root, file.name(), "records", sink,
                        e -> decodeRecord(e.node(), JsonSource.bytes(e.node()), e.position(), times, context));
            } else {
                sink.event(decodeRecord(root, JsonSource.bytes(root), file.name(), times, context));
            }
            return;
        }
        Lines.each(file, MAX_LINE, sink, (number, text, position) -> {
            byte[] raw = text.getBytes(StandardCharsets.UTF_8);
            try {
                sink.event(decodeLine(text, raw, position, times, context));
            } catch (SourceDataException e) {
                sink.rejected(position, "line " + number + ": " + e.getMessage(), raw);
            }
        });
    }

    /** A JSON array, or an object whose first line does not close it: one document, not lines. */
    private static boolean isDocument(SourceFile file) throws IOException {
        String head;
        try (var in = file.open()) {
            head = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8).stripLeading();
        }
        if (head.startsWith("[")) {
            return true;
        }
        int nl = head.indexOf('\n');
        if (!head.startsWith("{") || nl < 0) {
            return false;
        }
        try {
            JSON.readTree(head.substring(0, nl));
            return false;
        } catch (JacksonException e) {
            return true;
        }
    }

    private static dev.hindsight.core.event.Event decodeLine(
            String text, byte[] raw, String position, LocalTimeline times, DecodeContext context) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new SourceDataException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return decodeRecord(node, raw, position, times, context);
    }

    /** One generic record already parsed. */
    static dev.hindsight.core.event.Event decodeRecord(JsonNode node, byte[] raw, String position,
            LocalTimeline times, DecodeContext context) {
        if (node == null || !node.isObject()) {
            throw new SourceDataException(
                    "expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType()));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelNode = node.get("labels");
        if (labelNode != null && !labelNode.isNull()) {
            if (!labelNode.isObject()) {
                throw new SourceDataException("field 'labels' must be an object");
            }
            labelNode.properties().forEach(e -> labels.put(e.getKey(), scalar(e.getValue())));
        }
        return GenericRecord.toEvent(
                name -> field(node, name),
                labels,
                "jsonl",
                EventId.contentHash(raw),
                new RawRecord(position, raw, PARSER),
                times,
                context);
    }

    private static @Nullable String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainer()) {
            throw new SourceDataException("field '" + name + "' must be a string, found " + value.getNodeType());
        }
        String text = value.asString();
        return text.isBlank() ? null : text;
    }

    private static String scalar(JsonNode value) {
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
