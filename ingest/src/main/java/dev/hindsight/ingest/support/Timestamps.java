package dev.hindsight.ingest.support;

import dev.hindsight.core.event.Event;
import dev.hindsight.ingest.spi.SourceDataException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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

    private static final Pattern BASIC_OFFSET = Pattern.compile("(?<=\\d)([+-]\\d{2})(\\d{2})$");

    private Timestamps() {}

    /**
     * A parsed timestamp.
     *
     * @param zone the zone the text was read in: its own offset, or the assumed zone
     * @param zoneAssumed true when the text had no zone and {@code zone} was assumed
     * @param note what daylight saving time decided for a zone-less time ({@link LocalTimeline}), else null
     */
    public record Parsed(Instant instant, String original, String zone, boolean zoneAssumed, @Nullable String note) {

        public Parsed(Instant instant, String original, String zone, boolean zoneAssumed) {
            this(instant, original, zone, zoneAssumed, null);
        }

        /** A zone-less local time read on a file's timeline. */
        public static Parsed local(LocalDateTime local, String original, LocalTimeline timeline) {
            LocalTimeline.Resolved resolved = timeline.resolve(local);
            requirePlausible(resolved.instant(), original);
            return new Parsed(resolved.instant(), original, timeline.zone().getId(), true, resolved.note());
        }

        /** Sets the event's original time and, when daylight saving time decided it, says so in a label. */
        public Event.Builder applyTo(Event.Builder event) {
            event.originalTime(original, zone, zoneAssumed);
            if (note != null) {
                event.label(DST_LABEL, note);
            }
            return event;
        }
    }

    /** The label that says how daylight saving time placed a zone-less time. */
    public static final String DST_LABEL = "time.dst";

    /**
     * Reads an ISO-8601 timestamp: with {@code Z} or an offset as is, without one on the file's local timeline.
     *
     * @return empty when the text is not an ISO-8601 date-time
     * @throws SourceDataException when it is one, but outside the plausible range
     */
    public static Optional<Parsed> parseIso(String text, LocalTimeline assumed) {
        Optional<Parsed> withOffset = parseOffset(text);
        if (withOffset.isPresent()) {
            return withOffset;
        }
        String t = text.trim();
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(t, LOCAL);
        } catch (DateTimeException withoutOffset) {
            return Optional.empty();
        }
        return Optional.of(Parsed.local(local, t, assumed));
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
            // "+0400" as some senders write the offset, "+04:00" as RFC 3339 does
            String normalized = BASIC_OFFSET.matcher(t.replace(' ', 'T').replace("z", "Z")).replaceFirst("$1:$2");
            odt = OffsetDateTime.parse(normalized, OFFSET);
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
