package dev.hindsight.core.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable event ids derived from the source's natural key, so that re-delivery and re-import of the same record
 * always land on the same id (and therefore dedup) whatever path it came in by.
 */
public final class EventId {
    private static final String PREFIX = "ev_";

    private EventId() {}

    /** The id of the record with this dedup key in this source: {@code ev_} + 24 hex digits of SHA-256. */
    public static String of(String source, String dedupKey) {
        byte[] digest = sha256((source + '\u0000' + dedupKey).getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(digest, 0, 12);
    }

    /** Full SHA-256 in hex, used for content hashes of raw records. */
    public static String contentHash(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
