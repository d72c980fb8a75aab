package dev.hindsight.ingest.webhooks;

import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.ingest.internal.registry.SourceRegistry;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.Envelope;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.spi.WebhookMapping;
import dev.hindsight.ingest.support.CollectingSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Receives pushed bodies (webhooks): each hook's body is read by the decoder of its format, as a saved file of that
 * format would be, and the events, the rejected records and, for a body that is not readable at all, the body itself
 * are stored in one durable batch. Returns only after that commit, so a caller may acknowledge exactly what it got
 * back. Re-delivery is harmless: natural keys make it a duplicate.
 */
@Service
public class Webhooks {

    /** Largest body accepted; senders batch far below this. */
    public static final int MAX_BODY = 4 * 1024 * 1024;

    /** The import JSON of one delivery. */
    public record Outcome(long accepted, long duplicates, long skipped, long rejected,
            List<ImportReport.Rejection> rejections) {}

    /** What a request's signature says: none sent (a token must authenticate it), valid, or wrong. */
    public enum Signature {
        NONE,
        VALID,
        INVALID
    }

    /** The body as a whole could not be read; it was kept as a dead letter. */
    public static class MalformedBodyException extends InvalidInputException {
        public MalformedBodyException(String message) {
            super(message);
        }
    }

    private final SourceRegistry registry;
    private final EventSink sink;

    public Webhooks(SourceRegistry registry, EventSink sink) {
        this.registry = registry;
        this.sink = sink;
    }

    /** The hooks there are: {@code /hooks/{hook}}. */
    public List<String> hooks() {
        return registry.webhooks();
    }

    /**
     * What the request's signature says, for a hook whose sender signs (headers by lower-case name).
     *
     * @throws NotFoundException for a hook there is not
     */
    public Signature signature(String hook, Map<String, String> headers, byte[] body) {
        return switch (mapping(hook).signature(headers, body)) {
            case NONE -> Signature.NONE;
            case VALID -> Signature.VALID;
            case INVALID -> Signature.INVALID;
        };
    }

    /**
     * Decodes and stores one delivery.
     *
     * @param origin names the delivery in rejections and provenance, e.g. {@code hook:alertmanager:<request id>}
     * @param provider the sender is an outside provider speaking (its status page, its notices)
     * @throws NotFoundException for a hook there is not
     * @throws MalformedBodyException when the body is not the hook's format at all (stored as a dead letter first)
     * @throws dev.hindsight.core.store.StoreUnavailableException when nothing could be stored; the sender should retry
     */
    public Outcome receive(String hook, byte[] body, String origin, @Nullable String provider, Viewer sender) {
        WebhookMapping mapping = mapping(hook);
        DecodeContext context = new DecodeContext(ZoneOffset.UTC, null, provider);
        CollectingSink collected = new CollectingSink(mapping.format(), context);
        try {
            if (body.length > MAX_BODY) {
                throw new SourceDataException("the body is larger than " + (MAX_BODY >> 20) + " MiB");
            }
            decoder(mapping).decode(new SourceFile(origin, body.length, Instant.EPOCH,
                    () -> new ByteArrayInputStream(body)), context, collected);
        } catch (SourceDataException e) {
            byte[] kept = body.length > MAX_BODY ? Arrays.copyOf(body, MAX_BODY) : body;
            sink.append(new EventBatch(List.of(), List.of(CollectingSink.deadLetter(origin, mapping.format(),
                    e.getMessage(), kept, Envelope.whole(origin), context, null, null)), null, null, sender));
            throw new MalformedBodyException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a body in memory: cannot happen
        }
        AppendResult stored = sink.append(new EventBatch(collected.events(), collected.rejected(), null, null, sender));
        List<ImportReport.Rejection> rejections = collected.rejected().stream()
                .map(d -> new ImportReport.Rejection(d.origin(), d.reason())).toList();
        return new Outcome(stored.accepted(), stored.duplicates(), collected.skipped(), rejections.size(), rejections);
    }

    private WebhookMapping mapping(String hook) {
        return registry.webhook(hook).orElseThrow(() -> new NotFoundException("no webhook " + hook + "; there are "
                + String.join(", ", registry.webhooks())));
    }

    private FormatDecoder decoder(WebhookMapping mapping) {
        return registry.byName(mapping.format()).orElseThrow();
    }
}
