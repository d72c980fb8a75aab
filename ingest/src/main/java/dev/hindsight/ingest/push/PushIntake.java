package dev.hindsight.ingest.push;

import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.ingest.fileimport.ImportReport;
import dev.hindsight.ingest.generic.JsonlDecoder;
import dev.hindsight.ingest.source.alerts.AlertNotifications;
import dev.hindsight.ingest.source.pagerduty.PagerDutyRecords;
import dev.hindsight.ingest.source.statuspage.StatuspageRecords;
import dev.hindsight.ingest.spi.CollectingSink;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Receives pushed bodies (webhooks): decodes them with the same mappers as file import and stores the events, the
 * rejected records and, for a body that is not readable at all, the body itself, in one durable batch. Returns only
 * after that commit, so a caller may acknowledge exactly what it got back. Re-delivery is harmless: natural keys
 * make it a duplicate.
 */
@Service
public class PushIntake {

    /** Largest body accepted; senders batch far below this. */
    public static final int MAX_BODY = 4 * 1024 * 1024;

    /** What a sender can push. */
    public enum Hook {
        ALERTMANAGER("alertmanager"),
        GRAFANA("grafana"),
        PAGERDUTY("pagerduty"),
        STATUSPAGE("statuspage"),
        GENERIC("jsonl");

        final String format;

        Hook(String format) {
            this.format = format;
        }

        /** The format its dead letters are filed under. */
        public String format() {
            return format;
        }
    }

    /** The import JSON of one delivery. */
    public record Outcome(long accepted, long duplicates, long skipped, long rejected,
            List<ImportReport.Rejection> rejections) {}

    /** The body as a whole could not be read; it was kept as a dead letter. */
    public static class MalformedBodyException extends RuntimeException {
        public MalformedBodyException(String message) {
            super(message);
        }
    }

    private final EventSink sink;

    public PushIntake(EventSink sink) {
        this.sink = sink;
    }

    /**
     * Decodes and stores one delivery.
     *
     * @param origin names the delivery in rejections and provenance, e.g. {@code hook:alertmanager:<request id>}
     * @throws MalformedBodyException when the body is not the hook's format at all (stored as a dead letter first)
     * @throws dev.hindsight.core.store.StoreUnavailableException when nothing could be stored; the sender should retry
     */
    public Outcome receive(Hook hook, byte[] body, String origin, DecodeContext context) {
        CollectingSink collected = new CollectingSink(hook.format);
        try {
            if (body.length > MAX_BODY) {
                throw new SourceDataException("the body is larger than " + (MAX_BODY >> 20) + " MiB");
            }
            decode(hook, body, origin, context, collected);
        } catch (SourceDataException e) {
            byte[] kept = body.length > MAX_BODY ? java.util.Arrays.copyOf(body, MAX_BODY) : body;
            sink.append(new EventBatch(List.of(), List.of(new DeadLetter(origin, hook.format, e.getMessage(), kept)),
                    null, null));
            throw new MalformedBodyException(e.getMessage());
        }
        AppendResult stored = sink.append(new EventBatch(collected.events(), collected.rejected(), null, null));
        List<ImportReport.Rejection> rejections = collected.rejected().stream()
                .map(d -> new ImportReport.Rejection(d.origin(), d.reason())).toList();
        return new Outcome(stored.accepted(), stored.duplicates(), collected.skipped(), rejections.size(), rejections);
    }

    /** Decodes a body without storing it (also used to replay dead letters of webhooks). */
    public static void decode(Hook hook, byte[] body, String origin, DecodeContext context, RecordSink out) {
        JsonNode root = JsonSource.parse(body);
        switch (hook) {
            case ALERTMANAGER -> AlertNotifications.decode(root, origin, "alertmanager", context, out);
            case GRAFANA -> AlertNotifications.decode(root, origin, "grafana", context, out);
            case PAGERDUTY -> PagerDutyRecords.decode(root, origin, context, out);
            case STATUSPAGE -> decodeStatuspage(root, origin, context, out);
            case GENERIC -> decodeGeneric(root, origin, context, out);
        }
    }

    private static void decodeStatuspage(JsonNode root, String origin, DecodeContext context, RecordSink out) {
        try {
            StatuspageRecords.decode(root, origin, context, out);
        } catch (JsonSource.Skip skip) {
            out.skipped(origin, skip.getMessage());
        }
    }

    private static void decodeGeneric(JsonNode root, String origin, DecodeContext context, RecordSink out) {
        if (root.isArray()) {
            JsonSource.eachEntry(root, origin, "records", out,
                    e -> JsonlDecoder.decodeRecord(e.node(), JsonSource.bytes(e.node()), e.position(), context));
        } else {
            out.event(JsonlDecoder.decodeRecord(root, JsonSource.bytes(root), origin, context));
        }
    }
}
