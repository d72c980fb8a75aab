package dev.hindsight.core.store;

/**
 * A record or file that could not be decoded, kept with its raw bytes so it can be inspected and replayed.
 *
 * @param origin where it was found: {@code file[#entry]} or a request id
 * @param format the format it was read as, or {@code unknown}
 * @param reason a specific, readable reason naming the field or structure at fault
 */
public record DeadLetter(String origin, String format, String reason, byte[] raw) {}
