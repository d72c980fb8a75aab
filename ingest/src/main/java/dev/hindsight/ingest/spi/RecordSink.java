package dev.hindsight.ingest.spi;

import dev.hindsight.core.event.Event;

/** Receives the outcome of every record a decoder reads, in file order. Exactly one call per record. */
public interface RecordSink {

    /** A record decoded into an event (stored or found to be a duplicate later). */
    void event(Event event);

    /** A well-formed record that carries no timeline meaning (e.g. a Slack channel_join). */
    void skipped(String position, String reason);

    /**
     * A record that could not be decoded, and what a replay needs to decode it again.
     *
     * @param position where it is: {@code file#entry}, {@code file#line}
     * @param reason specific and readable: which field or structure, and what is wrong with it
     * @param raw the record's bytes, kept in the dead-letter store
     * @param envelope what the record needs around it to be decoded again on its own
     */
    void rejected(String position, String reason, byte[] raw, Envelope envelope);

    /** A record that is a whole document under the name of the file it was read from (a line, the file itself). */
    default void rejected(String position, String reason, byte[] raw) {
        int hash = position.lastIndexOf('#');
        rejected(position, reason, raw, Envelope.whole(hash <= 0 ? position : position.substring(0, hash)));
    }
}
