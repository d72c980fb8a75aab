package dev.hindsight.core.store;

import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A record or file that could not be decoded, kept with its raw bytes and everything a replay needs to decode it
 * again after a fix, exactly as the original import would have.
 *
 * @param origin where it was found: {@code file[#entry]} or a request id
 * @param format the format it was read as, or {@code unknown}
 * @param reason a specific, readable reason naming the field or structure at fault
 * @param replay how to decode it again
 */
public record DeadLetter(String origin, String format, String reason, byte[] raw, Replay replay) {

    /** The raw bytes a store keeps of a letter (and of an event's raw record); beyond them it keeps a truncated copy. */
    public static final int MAX_KEPT = 256 * 1024;

    /**
     * What decoding a dead letter again takes besides its bytes: the name it is decoded under (a channel or a year can
     * come from a file name), the bytes around it that make it a document of its format again (the JSON envelope of
     * one alert, the header row of a CSV row), and the options of the import it came from.
     *
     * @param name the file name the record is decoded as
     * @param head bytes put before the record (empty when it is a whole document)
     * @param tail bytes put after it
     * @param incidentKey the incident the import attached its events to
     * @param provider the provider the import read it as a statement of ({@code import --provider})
     * @param zone the zone assumed for times without one
     * @param year the year assumed for times without one, when the import was given one
     * @param modified the modification time of the file it was read from (formats whose lines carry no date take it
     *     from there); null for webhook bodies and pulled pages
     */
    public record Replay(String name, byte[] head, byte[] tail, @Nullable String incidentKey,
            @Nullable String provider, ZoneId zone, @Nullable Integer year, @Nullable Instant modified) {

        /** A whole document, decoded under this name with no import options. */
        public static Replay whole(String name) {
            return whole(name, null);
        }

        /** A whole document of an incident: the letter is as hidden as the incident is. */
        public static Replay whole(String name, @Nullable String incidentKey) {
            return new Replay(name, new byte[0], new byte[0], incidentKey, null, ZoneId.of("UTC"), null, null);
        }

        /** The bytes to decode: the record inside its envelope. */
        public byte[] document(byte[] record) {
            byte[] all = new byte[head.length + record.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(record, 0, all, head.length, record.length);
            System.arraycopy(tail, 0, all, head.length + record.length, tail.length);
            return all;
        }
    }
}
