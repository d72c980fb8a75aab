package dev.hindsight.ingest.spi;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.store.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/** Gathers what a decoder reports, for callers that store it in one batch (webhooks, pull pages) or only look (replays). */
public final class CollectingSink implements RecordSink {

    private final String format;
    private final List<Event> events = new ArrayList<>();
    private final List<DeadLetter> rejected = new ArrayList<>();
    private long skipped;

    /** @param format the format rejected records are filed under */
    public CollectingSink(String format) {
        this.format = format;
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
    public void rejected(String position, String reason, byte[] raw) {
        rejected.add(new DeadLetter(position, format, reason, raw));
    }

    public List<Event> events() {
        return events;
    }

    /** The rejected records as dead letters: position in {@code origin}, with the reason and raw bytes. */
    public List<DeadLetter> rejected() {
        return rejected;
    }

    public long skipped() {
        return skipped;
    }
}
