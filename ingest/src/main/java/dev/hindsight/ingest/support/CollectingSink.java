package dev.hindsight.ingest.support;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.Envelope;
import dev.hindsight.ingest.spi.PullSource;
import dev.hindsight.ingest.spi.RecordSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Gathers what a decoder reports, for callers that store it in one batch (webhooks, pull pages) or only look (replays).
 */
public final class CollectingSink implements RecordSink {

    private final String format;
    private final DecodeContext context;
    private final @Nullable String incidentKey;
    private final List<Event> events = new ArrayList<>();
    private final List<DeadLetter> rejected = new ArrayList<>();
    private long skipped;

    /**
     * @param format the format rejected records are filed under
     * @param context the options their replay keeps
     * @param incidentKey the incident the events go to, kept for the replay too
     */
    public CollectingSink(String format, DecodeContext context, @Nullable String incidentKey) {
        this.format = format;
        this.context = context;
        this.incidentKey = incidentKey;
    }

    public CollectingSink(String format, DecodeContext context) {
        this(format, context, null);
    }

    @Override
    public void event(Event event) {
        events.add(event);
    }

    @Override
    public void skipped(String position, String reason) {
        skipped++;
    }

    @Override
    public void rejected(String position, String reason, byte[] raw, Envelope envelope) {
        rejected.add(deadLetter(position, format, reason, raw, envelope, context, incidentKey, null));
    }

    /** A dead letter that a replay decodes as the import that rejected it would have. */
    public static DeadLetter deadLetter(String position, String format, String reason, byte[] raw, Envelope envelope,
            DecodeContext context, @Nullable String incidentKey, @Nullable Instant modified) {
        return new DeadLetter(position, format, reason, raw, new DeadLetter.Replay(envelope.name(), envelope.head(),
                envelope.tail(), incidentKey, context.provider(), context.zone(), context.year(), modified));
    }

    public List<Event> events() {
        return events;
    }

    /** The rejected records as dead letters: position in {@code origin}, with the reason, raw bytes and replay. */
    public List<DeadLetter> rejected() {
        return rejected;
    }

    public long skipped() {
        return skipped;
    }

    /** What was collected as one page of a pull source, with the cursor after it. */
    public PullSource.Page page(String next, boolean more) {
        return new PullSource.Page(events, rejected, next, more);
    }
}
