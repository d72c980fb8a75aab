package dev.hindsight.ingest.spi;

import dev.hindsight.core.event.Event;

/** Receives the outcome of every record a decoder reads, in file order. Exactly one call per record. */
public interface RecordSink {

    /** A record decoded into an event (stored or found to be a duplicate later). */
    void event(Event event);

    /** A well-formed record that carries no timeline meaning (e.g. a Slack channel_join). */
    void skipped(String position, String reason);

    /**
     * A record that could not be decoded.
     *
     * @param position where it is: {@code file#entry}, {@code file#line}
     * @param reason specific and readable: which field or structure, and what is wrong with it
     * @param raw the record's bytes, kept in the dead-letter store
     */
    void rejected(String position, String reason, byte[] raw);
}
