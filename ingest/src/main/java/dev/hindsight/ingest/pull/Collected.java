package dev.hindsight.ingest.pull;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.ingest.spi.RecordSink;
import java.util.ArrayList;
import java.util.List;

/** Gathers a page's decoded records before the runner commits them. */
final class Collected implements RecordSink {
    final String format;
    final List<Event> events = new ArrayList<>();
    final List<DeadLetter> rejected = new ArrayList<>();

    Collected(String format) {
        this.format = format;
    }

    @Override
    public void event(Event event) {
        events.add(event);
    }

    @Override
    public void skipped(String position, String reason) {
        // nothing to store
    }

    @Override
    public void rejected(String position, String reason, byte[] raw) {
        rejected.add(new DeadLetter(position, format, reason, raw));
    }

    PullSource.Page page(String next, boolean more) {
        return new PullSource.Page(events, rejected, next, more);
    }
}
