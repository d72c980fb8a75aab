package dev.hindsight.ingest.source.opsgenie;

import org.jspecify.annotations.Nullable;
import java.nio.charset.StandardCharsets;
import dev.hindsight.core.event.EventId;
import static dev.hindsight.ingest.support.JsonSource.text;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.Timestamps;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Opsgenie alert logs ({@code GET /v2/alerts/{id}/logs}): each log entry is one record keyed by alert id + offset. The
 * alert id comes from the paging links (or {@code alertId} when the file adds it); a page without either is keyed by
 * its entries' own offsets and text, never by the file's name, so a renamed copy is still a duplicate.
 */
class OpsgenieDecoder implements FormatDecoder {

    static final String PARSER = "opsgenie/1";
    private static final Pattern ALERT_IN_URL = Pattern.compile("/v2/alerts/([^/?]+)/logs");

    @Override
    public String format() {
        return "opsgenie";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = JsonSource.head(head);
        return JsonSource.hasKey(text, "data") && JsonSource.hasKey(text, "log") && JsonSource.hasKey(text, "offset")
                ? 85
                : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        JsonNode root = JsonSource.read(file);
        String alertId = alertId(root);
        JsonSource.eachEntryIn(root, "data", file.name(), sink, entry -> {
            JsonNode log = entry.node();
            String message = JsonSource.required(log, "log");
            Timestamps.Parsed at = JsonSource.time(log, "createdAt");
            Event.Builder event = Event.builder("opsgenie", kindOf(message), at.instant(), message)
                    .originalTime(at.original(), at.zone(), false)
                    .actor(text(log, "owner"))
                    .label("log_type", String.valueOf(text(log, "type")))
                    .dedupKey(alertId != null
                            ? alertId + "|" + JsonSource.required(log, "offset")
                            : "offset|" + JsonSource.required(log, "offset") + "|"
                                    + EventId.contentHash(message.getBytes(StandardCharsets.UTF_8)).substring(0, 16))
                    .raw(JsonSource.raw(entry.position(), log, PARSER));
            if (alertId != null) {
                event.label("alert_id", alertId);
            }
            if (context.provider() != null) {
                event.provider(true).label("provider", context.provider());
            }
            return event.build();
        });
    }

    /** The kind follows the log text, as the contract lists it. */
    static EventKind kindOf(String log) {
        String text = log.toLowerCase(Locale.ROOT);
        if (text.contains("note added") || text.startsWith("note ") || text.contains("added note")) {
            return EventKind.PAGE_NOTE;
        }
        if (text.contains("unacknowledged")) {
            return EventKind.PAGE_NOTE;
        }
        if (text.contains("acknowledged")) {
            return EventKind.PAGE_ACKNOWLEDGED;
        }
        if (text.contains("closed")) {
            return EventKind.PAGE_RESOLVED;
        }
        if (text.contains("created")) {
            return EventKind.PAGE_TRIGGERED;
        }
        if (text.contains("responder") || text.contains("escalat")) {
            return EventKind.PAGE_ESCALATED;
        }
        if (text.contains("recipient") || text.contains("notification") || text.contains("notified")) {
            return EventKind.PAGE_NOTIFIED;
        }
        return EventKind.PAGE_NOTE;
    }

    private static @Nullable String alertId(JsonNode root) {
        String explicit = text(root, "alertId");
        if (explicit != null) {
            return explicit;
        }
        for (String link : new String[]{text(root.path("paging"), "first"), text(root.path("paging"), "next")}) {
            if (link != null) {
                Matcher m = ALERT_IN_URL.matcher(link);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }
}
