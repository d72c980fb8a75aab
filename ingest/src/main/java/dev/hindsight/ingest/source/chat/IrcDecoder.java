package dev.hindsight.ingest.source.chat;

import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.support.Lines;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.Envelope;
import dev.hindsight.ingest.support.FileDates;
import dev.hindsight.ingest.support.LocalTimeline;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * IRC logs of irssi ({@code HH:MM <nick> text}), ZNC ({@code [HH:MM:SS] <nick> text}) and WeeChat
 * ({@code YYYY-MM-DD HH:MM:SS<TAB>nick<TAB>text}). Messages and actions are CHAT_MESSAGEs; joins, parts, quits, modes
 * and other server lines are skipped. IRC logs carry no zone: times are read in the configured zone, and the events
 * say so. Where lines carry no date, it comes from --year, a date in the file name, the log's own "Log opened" and
 * "Day changed" lines, or the file's modification time, in that order.
 */
class IrcDecoder implements FormatDecoder {

    static final String PARSER = "irc/1";
    static final int MAX_LINE = 64 * 1024;

    private static final Pattern WEECHAT = Pattern
            .compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})\\t([^\\t]*)\\t(.*)$");
    private static final Pattern ZNC = Pattern.compile("^\\[(\\d{2}:\\d{2}(?::\\d{2})?)\\] (.*)$");
    private static final Pattern IRSSI = Pattern.compile("^(\\d{2}:\\d{2}(?::\\d{2})?) (.*)$");
    private static final Pattern SAY = Pattern.compile("^<\\s*[~&@%+ ]?([^>\\s]+)> ?(.*)$");
    private static final Pattern ACTION = Pattern.compile("^\\s*\\* (\\S+) (.*)$");
    private static final Pattern OPENED = Pattern
            .compile("^--- (?:Log opened|Day changed) (?:\\w{3} )?(\\w{3}) (\\d{1,2})(?: [\\d:]+)? (\\d{4})");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
    private static final DateTimeFormatter BANNER_DAY = DateTimeFormatter.ofPattern("EEE MMM dd yyyy", Locale.ENGLISH);

    @Override
    public String format() {
        return "irc";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        if (first.startsWith("--- Log opened")
                || WEECHAT.matcher(first).matches() && fileName.endsWith(".weechatlog")) {
            return 95;
        }
        boolean lines = text.lines().limit(20).filter(l -> !l.isBlank())
                .allMatch(l -> WEECHAT.matcher(l).matches() || ZNC.matcher(l).matches() || IRSSI.matcher(l).matches());
        return lines && (text.contains("<") || text.contains("\t")) && !text.isBlank() ? 70 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        String channel = channelOf(file.name());
        ZoneId zone = context.zone();
        LocalDate day = FileDates.fromName(file.name()).orElse(null);
        boolean dayFromName = day != null;
        if (day == null) {
            day = file.modified().atZone(zone).toLocalDate();
        }
        if (context.year() != null) {
            day = day.withYear(context.year());
        }
        LocalDate[] current = {day}; // "Log opened" and "Day changed" move it along
        boolean fixedDay = dayFromName;
        LocalTimeline times = new LocalTimeline(zone);
        Lines.each(file, MAX_LINE, sink, (number, text, position) -> {
            Matcher opened = OPENED.matcher(text);
            if (opened.find()) {
                if (!fixedDay) {
                    LocalDate header = LocalDate.of(Integer.parseInt(opened.group(3)),
                            MONTH.parse(opened.group(1)).get(java.time.temporal.ChronoField.MONTH_OF_YEAR),
                            Integer.parseInt(opened.group(2)));
                    current[0] = context.year() != null ? header.withYear(context.year()) : header;
                }
                return;
            }
            if (text.startsWith("--- ")) {
                return; // "Log closed" and other logger banners are not records
            }
            byte[] raw = text.getBytes(StandardCharsets.UTF_8);
            try {
                line(text, current[0], times, channel, new RawRecord(position, raw, PARSER), context, sink, position);
            } catch (SourceDataException | DateTimeParseException e) {
                // a replay reads the line alone: a day that came from the log's own banners (or the file's time)
                // goes with it as a banner of its own
                sink.rejected(position, "line " + number + ": " + e.getMessage(), raw, fixedDay
                        ? Envelope.whole(file.name())
                        : Envelope.afterHeader(file.name(), "--- Day changed " + BANNER_DAY.format(current[0])));
            }
        });
    }

    private static void line(String text, LocalDate day, LocalTimeline times, String channel, RawRecord raw,
            DecodeContext context,
            RecordSink sink, String position) {
        Matcher weechat = WEECHAT.matcher(text);
        if (weechat.matches()) {
            LocalDateTime time = LocalDateTime.parse(weechat.group(1).replace(' ', 'T'));
            String prefix = weechat.group(2).strip();
            String message = weechat.group(3);
            if (prefix.equals("-->") || prefix.equals("<--") || prefix.equals("--") || prefix.equals("=!=")) {
                sink.skipped(position, "server line");
                return;
            }
            String author = prefix.equals("*") ? message.split(" ", 2)[0] : prefix.replaceFirst("^[~&@%+]", "");
            String body = prefix.equals("*") ? message : message;
            emit(time, weechat.group(1), times, channel, author, body, raw, context, sink);
            return;
        }
        Matcher znc = ZNC.matcher(text);
        Matcher irssi = IRSSI.matcher(text);
        String clock;
        String rest;
        if (znc.matches()) {
            clock = znc.group(1);
            rest = znc.group(2);
        } else if (irssi.matches()) {
            clock = irssi.group(1);
            rest = irssi.group(2);
        } else {
            throw new SourceDataException("not an irssi, ZNC or WeeChat log line");
        }
        LocalDateTime time = day.atTime(LocalTime.parse(clock.length() == 5 ? clock + ":00" : clock));
        Matcher say = SAY.matcher(rest);
        if (say.matches()) {
            emit(time, day + " " + clock, times, channel, say.group(1), say.group(2), raw, context, sink);
            return;
        }
        Matcher action = ACTION.matcher(rest);
        if (action.matches() && !rest.startsWith("***") && !rest.startsWith("-!-")) {
            emit(time, day + " " + clock, times, channel, action.group(1), action.group(1) + " " + action.group(2), raw,
                    context, sink);
            return;
        }
        sink.skipped(position, "server line (join, part, quit, mode or topic)");
    }

    private static void emit(LocalDateTime time, String original, LocalTimeline times, String channel,
            @Nullable String author,
            String text, RawRecord raw, DecodeContext context, RecordSink sink) {
        if (text.isBlank()) {
            throw new SourceDataException("empty message");
        }
        Timestamps.Parsed at = Timestamps.Parsed.local(time, original, times);
        sink.event(ChatMessages.message("irc", channel, at, author, text, raw, context));
    }

    /** {@code #ops} from {@code irc.libera.#ops.weechatlog}, {@code #ops_20140812.log} or a ZNC {@code #ops/2014-08-12.log}. */
    static String channelOf(String name) {
        String path = name.replace('\\', '/');
        int hash = path.lastIndexOf('#');
        String base = path.substring(path.lastIndexOf('/') + 1);
        Matcher channel = Pattern.compile("(#[^./_\\s]+)").matcher(base);
        if (channel.find()) {
            return channel.group(1);
        }
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        parent = parent.substring(parent.lastIndexOf('/') + 1);
        if (parent.startsWith("#")) {
            return parent;
        }
        return hash >= 0 && hash < path.length() - 1 ? path.substring(hash + 1) : base.replaceFirst("\\.[^.]+$", "");
    }
}
