package dev.hindsight.ingest.source.logs;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.LineKeys;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.support.Lines;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nagios Core / Icinga logs ({@code [epoch] TYPE: fields;...}). HARD service and host alerts become ALERT_FIRING
 * (non-OK, non-UP) or ALERT_RESOLVED (OK, UP); every other line is a LOG_LINE. Keyed by the contract's line key
 * ({@link LineKeys}: host, time, text, occurrence), never by the file's name.
 */
class NagiosDecoder implements FormatDecoder {

    static final String PARSER = "nagios/2";
    static final int MAX_LINE = 64 * 1024;

    private static final Pattern LINE = Pattern.compile("^\\[(\\d{9,11})\\] ([A-Z][A-Z _]+?): (.*)$");
    private static final Pattern PLAIN = Pattern.compile("^\\[(\\d{9,11})\\] (.*)$");
    private static final Set<String> GOOD = Set.of("OK", "UP");

    @Override
    public String format() {
        return "nagios";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String first = new String(head, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).findFirst()
                .orElse("");
        return PLAIN.matcher(first).matches() ? 90 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        LineKeys keys = new LineKeys();
        Lines.each(file, MAX_LINE, sink, (number, text, position) -> {
            byte[] raw = text.getBytes(StandardCharsets.UTF_8);
            try {
                Event.Builder event = parse(text, new RawRecord(position, raw, PARSER));
                if (context.provider() != null) {
                    event.provider(true).label("provider", context.provider());
                }
                sink.event(event.dedupKey(event.lineKey(keys, raw)).build());
            } catch (SourceDataException e) {
                sink.rejected(position, "line " + number + ": " + e.getMessage(), raw);
            }
        });
    }

    private static Event.Builder parse(String line, RawRecord raw) {
        Matcher plain = PLAIN.matcher(line);
        if (!plain.matches()) {
            throw new SourceDataException("does not start with [epoch-seconds]");
        }
        var instant = JsonSource.epochMillis(Long.parseLong(plain.group(1)) * 1000, plain.group(1));
        var at = new Timestamps.Parsed(instant, plain.group(1), ZoneOffset.UTC.getId(), false);
        Matcher typed = LINE.matcher(line);
        if (!typed.matches()) {
            return base(EventKind.LOG_LINE, at, plain.group(2), raw);
        }
        String type = typed.group(2);
        String fields = typed.group(3);
        return switch (type) {
            case "SERVICE ALERT", "CURRENT SERVICE STATE", "INITIAL SERVICE STATE" -> {
                String[] f = fields.split(";", 6);
                require(f, 6, type);
                yield alert(type.equals("SERVICE ALERT"), f[2], f[3], at, f[0] + "/" + f[1] + " " + f[2] + ": " + f[5],
                        raw)
                        .host(f[0]).service(f[1]).severity(f[2]).label("state_type", f[3]).label("attempt", f[4]);
            }
            case "HOST ALERT", "CURRENT HOST STATE", "INITIAL HOST STATE" -> {
                String[] f = fields.split(";", 5);
                require(f, 5, type);
                yield alert(type.equals("HOST ALERT"), f[1], f[2], at, f[0] + " " + f[1] + ": " + f[4], raw)
                        .host(f[0]).severity(f[1]).label("state_type", f[2]).label("attempt", f[3]);
            }
            case "SERVICE NOTIFICATION" -> {
                String[] f = fields.split(";", 6);
                require(f, 6, type);
                yield base(EventKind.LOG_LINE, at,
                        "Notified " + f[0] + ": " + f[1] + "/" + f[2] + " " + f[3] + ": " + f[5], raw)
                        .host(f[1]).service(f[2]).severity(f[3]).actor(f[0]);
            }
            case "HOST NOTIFICATION" -> {
                String[] f = fields.split(";", 5);
                require(f, 5, type);
                yield base(EventKind.LOG_LINE, at, "Notified " + f[0] + ": " + f[1] + " " + f[2] + ": " + f[4], raw)
                        .host(f[1]).severity(f[2]).actor(f[0]);
            }
            default -> base(EventKind.LOG_LINE, at, type + ": " + fields, raw).label("type", type);
        };
    }

    /** Only HARD alert transitions are state changes on a timeline; soft ones and state dumps are log lines. */
    private static Event.Builder alert(boolean transition, String state, String stateType, Timestamps.Parsed at,
            String title, RawRecord raw) {
        if (!transition || !"HARD".equals(stateType)) {
            return base(EventKind.LOG_LINE, at, title, raw);
        }
        return base(GOOD.contains(state) ? EventKind.ALERT_RESOLVED : EventKind.ALERT_FIRING, at, title, raw);
    }

    private static Event.Builder base(EventKind kind, Timestamps.Parsed at, String title, RawRecord raw) {
        return Event.builder("nagios", kind, at.instant(), title).originalTime(at.original(), at.zone(), false)
                .raw(raw);
    }

    private static void require(String[] fields, int count, String type) {
        if (fields.length < count) {
            throw new SourceDataException(
                    type + " needs " + count + " fields separated by ';', found " + fields.length);
        }
    }
}
