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
        OffsetDateTime odt = rfc3339(t);
        if (odt == null) {
            odt = viaFormatter(t);
            if (odt == null) {
                return Optional.empty();
            }
        }
        requirePlausible(odt.toInstant(), t);
        return Optional.of(new Parsed(odt.toInstant(), t, odt.getOffset().getId(), false));
    }

    /**
     * The common shape, {@code 2014-08-12T14:05:09.123Z} or with {@code +HH:MM}, read digit by digit: the formatter
     * below took a tenth of a jsonl import's own thread (its profile). Null for anything else, including a field
     * out of its plain range (24:00, a leap second, 30 February), which the formatter then reads or refuses exactly as
     * before.
     */
    static @Nullable OffsetDateTime rfc3339(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59
                || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                nanos = nanos * 10 + (t.charAt(i++) - '0');
            }
            if (i == start) {
                return null;
            }
            for (int d = i - start; d < 9; d++) {
                nanos *= 10;
            }
        }
        java.time.ZoneOffset offset;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offset = java.time.ZoneOffset.UTC;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int oh = digits(t, i + 1, 2);
            int om = digits(t, i + 4, 2);
            if (oh < 0 || oh > 17 || om < 0 || om > 59) {
                return null;
            }
            int sign = t.charAt(i) == '-' ? -1 : 1;
            offset = java.time.ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
        } else {
            return null;
        }
        return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    }

    /** Every offset form the formatter reads (lower case, a space for the T, {@code +0400}); null if none. */
    static @Nullable OffsetDateTime viaFormatter(String t) {
        try {
            // "+0400" as some senders write the offset, "+04:00" as RFC 3339 does
            String normalized = BASIC_OFFSET.matcher(t.replace(' ', 'T').replace("z", "Z")).replaceFirst("$1:$2");
            return OffsetDateTime.parse(normalized, OFFSET);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Rejects times before 1990 or after 2100. */
    public static void requirePlausible(Instant instant, String original) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new SourceDataException("timestamp '" + original + "' is outside the plausible range "
                    + EARLIEST.toString().substring(0, 4) + "-" + LATEST.toString().substring(0, 4));
        }
    }
}
