package dev.hindsight.core.event;

/**
 * Provenance of an event: the bytes it was decoded from and where they were found.
 *
 * @param origin where the record was read: {@code file[#entry]}, a request id, or a pull cursor
 * @param bytes the raw record as received (the store keeps a bounded, compressed copy)
 * @param parserVersion the decoder that produced the event, e.g. {@code jsonl/1}
 */
public record RawRecord(String origin, byte[] bytes, String parserVersion) {}
