package dev.hindsight.ingest.source.logs;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.support.Lines;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.FileDates;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.Timestamps;
import dev.hindsight.ingest.support.Titles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * syslog files: RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}), RFC 3164 with or without the
 * {@code <PRI>} ({@code Mmm dd hh:mm:ss HOST TAG[pid]: MSG}, no year and no zone) and rsyslog's file format (RFC 3339
 * time first). Each line is one LOG_LINE keyed by file name + line number + line hash. RFC 3164 times are read in the
 * configured zone and their year comes from --year, the file name, or the file's modification time.
 */
class SyslogDecoder implements FormatDecoder {

    static final String PARSER = "syslog/1";
    static final int MAX_LINE = 64 * 1024;
    static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    private static final Pattern RFC5424 = Pattern.compile(
            "^<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|(?:\\[.*?\\])+)(?: (.*))?$");
    private static final Pattern RFC3164 = Pattern.compile(
            "^(?:<(\\d{1,3})>)?([A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}) (\\S+) ([^:\\[\\s]+)(?:\\[(\\d+)\\])?: ?(.*)$");
    private static final Pattern RSYSLOG = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\S+) (\\S+) ([^:\\[\\s]+)(?:\\[(\\d+)\\])?: ?(.*)$");
    private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    @Override
    public String format() {
        return "syslog";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        long lines = text.lines().limit(10).filter(l -> !l.isBlank()).count();
        long matching = text.lines().limit(10).filter(l -> !l.isBlank())
                .filter(l -> RFC5424.matcher(l).matches() || RFC3164.matcher(l).matches()
                        || RSYSLOG.matcher(l).matches())
                .count();
        return lines > 0 && matching >= Math.max(1, lines - 1) ? 80 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        String fileName = file.name().substring(file.name().replace('\\', '/').lastIndexOf('/') + 1);
        int year = context.year() != null
                ? context.year()
                : FileDates.fromName(file.name()).map(java.time.LocalDate::getYear)
                        .orElse(file.modified().atZone(context.zone()).getYear());
        Lines.each(file, MAX_LINE, sink, (number, line, position) -> {
            byte[] raw = line.getBytes(StandardCharsets.UTF_8);
            try {
                sink.event(parse(line.replace("\uFEFF", ""), year, context, new RawRecord(position, raw, PARSER))
                        .dedupKey(fileName + "#" + number + "#" + EventId.contentHash(raw).substring(0, 16))
                        .build());
            } catch (SourceDataException | DateTimeParseException e) {
                sink.rejected(position, "line " + number + ": " + e.getMessage(), raw);
            }
        });
    }

    private static Event.Builder parse(String line, int year, DecodeContext context, RawRecord raw) {
        Matcher m = RFC5424.matcher(line);
        if (m.matches()) {
            Timestamps.Parsed at = rfc3339(m.group(2));
            return event(at, nil(m.group(3)), nil(m.group(4)), severity(m.group(1)),
                    m.group(8) == null ? "" : m.group(8), raw, context)
                    .label("format", "rfc5424");
        }
        m = RSYSLOG.matcher(line);
        if (m.matches()) {
            return event(rfc3339(m.group(1)), m.group(2), m.group(3), null, m.group(5), raw, context).label("format",
                    "rsyslog");
        }
        m = RFC3164.matcher(line);
        if (m.matches()) {
            ZoneId zone = context.zone();
            String stamp = m.group(2).replaceAll(" +", " ");
            LocalDateTime local = LocalDateTime.parse(stamp + " " + year, BSD);
            var instant = local.atZone(zone).toInstant();
            Timestamps.requirePlausible(instant, m.group(2));
            var at = new Timestamps.Parsed(instant, m.group(2), zone.getId(), true);
            return event(at, m.group(3), m.group(4), m.group(1) == null ? null : severity(m.group(1)), m.group(6), raw,
                    context)
                    .label("format", "rfc3164");
        }
        throw new SourceDataException("not an RFC 5424, RFC 3164 or rsyslog line");
    }

    private static Event.Builder event(Timestamps.Parsed at, @Nullable String host, @Nullable String app,
            @Nullable String severity,
            String message, RawRecord raw, DecodeContext context) {
        String title = message.isBlank() ? "(empty message)" : Titles.clip(message);
        Event.Builder event = Event.builder("syslog", EventKind.LOG_LINE, at.instant(), title)
                .originalTime(at.original(), at.zone(), at.zoneAssumed())
                .text(message.length() > Titles.MAX ? message : null)
                .host(host)
                .service(app)
                .severity(severity)
                .raw(raw);
        if (context.provider() != null) {
            event.provider(true).label("provider", context.provider());
        }
        return event;
    }

    private static Timestamps.Parsed rfc3339(String text) {
        return Timestamps.parseOffset(text)
                .orElseThrow(() -> new SourceDataException("timestamp '" + text + "' is not RFC 3339"));
    }

    private static String severity(String pri) {
        int value = Integer.parseInt(pri);
        if (value > 191) {
            throw new SourceDataException("PRI " + value + " is out of range (0-191)");
        }
        return SEVERITIES[value % 8];
    }

    private static @Nullable String nil(String value) {
        return "-".equals(value) ? null : value;
    }
}
