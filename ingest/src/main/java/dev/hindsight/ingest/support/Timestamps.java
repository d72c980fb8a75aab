package dev.hindsight.ingest.support;

import dev.hindsight.ingest.spi.SourceDataException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.Optional;

/** Timestamp reading shared by decoders: offsets when the source has them, the configured zone when it has not. */
public final class Timestamps {

    /** Earliest plausible event time; older values are typos or zero dates. */
    public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    /** Latest plausible event time: the far future is a broken clock or a unit mix-up. */
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
            .append(LOCAL)
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter(Locale.ROOT);

    private Timestamps() {}

    /**
     * A parsed timestamp.
     *
     * @param zone the zone the text was read in: its own offset, or the assumed zone
     * @param zoneAssumed true when the text had no zone and {@code zone} was assumed
     */
    public record Parsed(Instant instant, String original, String zone, boolean zoneAssumed) {}

    /**
     * Reads an ISO-8601 timestamp: with {@code Z} or an offset as is, without one in {@code assumedZone}.
     *
     * @return empty when the text is not an ISO-8601 date-time
     * @throws SourceDataException when it is one, but outside the plausible range
     */
    public static Optional<Parsed> parseIso(String text, ZoneId assumedZone) {
        Optional<Parsed> withOffset = parseOffset(text);
        if (withOffset.isPresent()) {
            return withOffset;
        }
        String t = text.trim();
        try {
            LocalDateTime local = LocalDateTime.parse(t, LOCAL);
            Parsed parsed = new Parsed(local.atZone(assumedZone).toInstant(), t, assumedZone.getId(), true);
            requirePlausible(parsed.instant(), t);
            return Optional.of(parsed);
        } catch (DateTimeException withoutOffset) {
            return Optional.empty();
        }
    }

    /**
     * Reads an RFC 3339 / ISO-8601 timestamp that carries {@code Z} or an offset.
     *
     * @return empty when the text is not one
     * @throws SourceDataException when it is one, but outside the plausible range
     */
    public static Optional<Parsed> parseOffset(String text) {
        String t = text.trim();
        OffsetDateTime odt;
        try {
            odt = OffsetDateTime.parse(t.replace(' ', 'T').replace("z", "Z"), OFFSET);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        requirePlausible(odt.toInstant(), t);
        return Optional.of(new Parsed(odt.toInstant(), t, odt.getOffset().getId(), false));
    }

    /** Rejects times before 1990 or after 2100. */
    public static void requirePlausible(Instant instant, String original) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new SourceDataException("timestamp '" + original + "' is outside the plausible range "
                    + EARLIEST.toString().substring(0, 4) + "-" + LATEST.toString().substring(0, 4));
        }
    }
}
