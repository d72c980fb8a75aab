package dev.hindsight.ingest.source.logs;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.LineKeys;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.FileDates;
import dev.hindsight.ingest.support.Lines;
import dev.hindsight.ingest.support.LocalTimeline;
import dev.hindsight.ingest.support.Timestamps;
import dev.hindsight.ingest.support.Titles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * syslog files as senders write them ({@link SyslogLine}). Each line is one LOG_LINE; lines indented under it (macOS
 * and multi-line messages) are folded into it. Keyed by the contract's line key ({@link LineKeys}): never by the
 * file's name. RFC 3164 times carry neither year nor zone: they are read in the configured zone on the file's local
 * timeline (daylight saving time by the contract's rule), and their year comes from {@code --year}, a date in the file
 * name, or the file's modification time; a line stamped after that date belongs to the year before (December lines in
 * a file written in January). RFC 5424 structured data is kept as labels {@code sd.ID.PARAM}.
 */
class SyslogDecoder implements FormatDecoder {

    static final String PARSER = "syslog/2";
    static final int MAX_LINE = 64 * 1024;
    /** Lines folded into one event at most; the rest of a longer run become events of their own. */
    static final int MAX_FOLDED = 200;
    static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    @Override
    public String format() {
        return "syslog";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        var lines = text.lines().limit(20).filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .toList();
        long matching = lines.stream().filter(SyslogDecoder::parses).count();
        return !lines.isEmpty() && matching >= Math.max(1, lines.size() - 2) ? 80 : 0;
    }

    private static boolean parses(String line) {
        try {
            SyslogLine.parse(line);
            return true;
        } catch (SourceDataException e) {
            return false;
        }
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        Years years = Years.of(file, context);
        LocalTimeline times = new LocalTimeline(context.zone());
        LineKeys keys = new LineKeys();
        Pending[] pending = {null};
        Lines.each(file, MAX_LINE, sink, (number, line, position) -> {
            if (pending[0] != null && Character.isWhitespace(line.charAt(0)) && pending[0].lines < MAX_FOLDED
                    && !parses(line.strip())) {
                pending[0].fold(line);
                return;
            }
            emit(pending[0], keys, context, sink);
            pending[0] = null;
            try {
                SyslogLine parsed = SyslogLine.parse(line);
                pending[0] = new Pending(parsed, time(parsed, years, times), position, line);
            } catch (SourceDataException | DateTimeParseException e) {
                sink.rejected(position, "line " + number + ": " + e.getMessage(),
                        line.getBytes(StandardCharsets.UTF_8));
            }
        });
        emit(pending[0], keys, context, sink);
    }

    private static void emit(@Nullable Pending pending, LineKeys keys, DecodeContext context, RecordSink sink) {
        if (pending == null) {
            return;
        }
        byte[] raw = pending.text.toString().getBytes(StandardCharsets.UTF_8);
        SyslogLine line = pending.line;
        String message = pending.message().strip();
        String title = !message.isBlank()
                ? Titles.firstLine(message)
                : !line.data().isEmpty() ? Titles.clip(structured(line.data())) : "(empty message)";
        Event.Builder event = pending.at
                .applyTo(Event.builder("syslog", EventKind.LOG_LINE, pending.at.instant(), title))
                .text(message.length() > Titles.MAX || message.contains("\n") ? message : null)
                .host(line.host())
                .service(line.app())
                .severity(line.severity())
                .label("format", line.format())
                .raw(new RawRecord(pending.position, raw, PARSER));
        event.dedupKey(event.lineKey(keys, raw));
        optional(event, "facility", line.facility());
        optional(event, "procid", line.procId());
        optional(event, "msgid", line.msgId());
        optional(event, "tag_suffix", line.tagSuffix());
        line.data().forEach((name, value) -> event.label("sd." + name, value));
        if (context.provider() != null) {
            event.provider(true).label("provider", context.provider());
        }
        sink.event(event.build());
    }

    private static void optional(Event.Builder event, String label, @Nullable String value) {
        if (value != null) {
            event.label(label, value);
        }
    }

    /** Structured data as a title when there is no message: {@code meta sequenceId=1; origin ip=10.0.0.1}. */
    private static String structured(Map<String, String> data) {
        return data.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static Timestamps.Parsed time(SyslogLine line, Years years, LocalTimeline times) {
        if (line.rfc3339()) {
            return Timestamps.parseOffset(line.stamp()).or(() -> Timestamps.parseIso(line.stamp(), times))
                    .orElseThrow(() -> new SourceDataException("timestamp '" + line.stamp() + "' is not RFC 3339"));
        }
        String stamp = line.stamp().replaceAll(" +", " ");
        LocalDateTime local = LocalDateTime.parse(stamp + " " + years.year, BSD);
        if (years.latest != null && local.toLocalDate().isAfter(years.latest)) {
            local = local.minusYears(1); // written before the file was: the year before
        }
        return Timestamps.Parsed.local(local, line.stamp(), times);
    }

    /**
     * The year of RFC 3164 times, and the latest day a line can be from (none when --year fixed it).
     */
    private record Years(int year, @Nullable LocalDate latest) {

        static Years of(SourceFile file, DecodeContext context) {
            if (context.year() != null) {
                return new Years(context.year(), null);
            }
            ZoneId zone = context.zone();
            LocalDate reference = FileDates.fromName(file.name()).orElse(file.modified().atZone(zone).toLocalDate());
            return new Years(reference.getYear(), reference.plusDays(1));
        }
    }

    /** A parsed line waiting for the indented lines that continue it. */
    private static final class Pending {
        final SyslogLine line;
        final Timestamps.Parsed at;
        final String position;
        final StringBuilder text;
        final StringBuilder continued = new StringBuilder();
        int lines = 1;

        Pending(SyslogLine line, Timestamps.Parsed at, String position, String raw) {
            this.line = line;
            this.at = at;
            this.position = position;
            this.text = new StringBuilder(raw);
        }

        void fold(String raw) {
            text.append('\n').append(raw);
            continued.append('\n').append(raw.strip());
            lines++;
        }

        String message() {
            return line.message() + continued;
        }
    }
}
