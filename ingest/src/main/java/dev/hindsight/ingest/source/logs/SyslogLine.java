package dev.hindsight.ingest.source.logs;

import dev.hindsight.ingest.spi.SourceDataException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One syslog line taken apart, as the senders really write them: RFC 5424 (with or without its {@code <PRI>1}, with
 * RFC 6587 octet counting, structured data kept), RFC 3164 with or without {@code <PRI>} and rsyslog's file format
 * (RFC 3339 time first). The tag of the older formats is read leniently: {@code name}, {@code name[pid]}, names with a
 * space or a version ({@code Microsoft Word[14463]}, {@code BezelServices 255.10[94]}), a parenthesised suffix before
 * the colon ({@code launchd[1] (com.apple.xpc):}), an empty {@code -}; a line without any tag keeps its whole text as
 * the message.
 *
 * @param stamp the timestamp as written
 * @param rfc3339 true when the timestamp carries a date and an offset; false for RFC 3164's {@code Mmm dd hh:mm:ss}
 * @param data RFC 5424 structured data: {@code id.param} to value, in order
 */
record SyslogLine(
        String format,
        @Nullable Integer pri,
        String stamp,
        boolean rfc3339,
        @Nullable String host,
        @Nullable String app,
        @Nullable String procId,
        @Nullable String msgId,
        @Nullable String tagSuffix,
        Map<String, String> data,
        String message) {

    private static final Pattern FRAMING = Pattern.compile("^\\d{1,6} (?=<)");
    private static final Pattern RFC3339 = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S+");
    private static final Pattern BSD = Pattern.compile("^[A-Z][a-z]{2} [ \\d]?\\d \\d{2}:\\d{2}:\\d{2}");
    /** A tag: a name of at most three words (no brackets or colon), an optional [pid], an optional (suffix). */
    private static final Pattern TAG = Pattern.compile(
            "^(?<name>[^\\s\\[\\]:()=\"]+(?: [^\\s\\[\\]:()=\"]+){0,2})?(?:\\[(?<pid>[^\\]\\s]{0,32})])?"
                    + "(?: ?\\((?<suffix>[^()]{0,200})\\))?$");

    static SyslogLine parse(String line) {
        String s = line.replace("\uFEFF", "");
        int i = 0;
        Matcher framing = FRAMING.matcher(s);
        if (framing.find()) {
            i = framing.end();
        }
        Integer pri = null;
        if (i < s.length() && s.charAt(i) == '<') {
            int close = s.indexOf('>', i);
            if (close < 0 || close - i > 4 || close == i + 1) {
                throw new SourceDataException("the PRI '<...>' is not closed or not a number");
            }
            pri = number(s.substring(i + 1, close));
            if (pri > 191) {
                throw new SourceDataException("PRI " + pri + " is out of range (0-191)");
            }
            i = close + 1;
        }
        Cursor c = new Cursor(s, i);
        if (s.startsWith("1 ", i) && i + 2 < s.length()
                && (Character.isDigit(s.charAt(i + 2)) || s.charAt(i + 2) == '-')) {
            c.pos = i + 2;
            return rfc5424(c, pri, "rfc5424");
        }
        Matcher iso = RFC3339.matcher(s).region(i, s.length());
        if (iso.lookingAt()) {
            if (looksLike5424(s.substring(iso.end()))) {
                return rfc5424(c, pri, "rfc5424");
            }
            String stamp = c.token();
            return tagged(c, pri, "rsyslog", stamp, true);
        }
        Matcher bsd = BSD.matcher(s).region(i, s.length());
        if (bsd.lookingAt()) {
            c.pos = bsd.end();
            return tagged(c, pri, "rfc3164", bsd.group(), false);
        }
        throw new SourceDataException("not an RFC 5424, RFC 3164 or rsyslog line (no timestamp where one belongs)");
    }

    /** After an RFC 3339 time: HOST APP PROCID MSGID then '-' or '[' (structured data), as RFC 5424 has them. */
    private static boolean looksLike5424(String rest) {
        String[] t = rest.strip().split(" ", 5);
        return t.length >= 5 && !t[1].endsWith(":") && !t[2].endsWith(":")
                && (t[4].startsWith("[") || t[4].equals("-") || t[4].startsWith("- "));
    }

    private static SyslogLine rfc5424(Cursor c, @Nullable Integer pri, String format) {
        String stamp = c.token();
        if (stamp.equals("-")) {
            throw new SourceDataException("the line has no timestamp ('-')");
        }
        String host = nil(c.token());
        String app = nil(c.token());
        String procId = nil(c.token());
        String msgId = nil(c.token());
        Map<String, String> data = new LinkedHashMap<>();
        if (c.atStructuredData()) {
            c.structuredData(data);
        } // else a sender that leaves the field out (Heroku's drains): the message follows the MSGID
        String message = c.rest();
        if (message.startsWith(" ")) {
            message = message.substring(1);
        }
        return new SyslogLine(format, pri, stamp, true, host, app, procId, msgId, null, data,
                message.replace("\uFEFF", ""));
    }

    private static SyslogLine tagged(Cursor c, @Nullable Integer pri, String format, String stamp, boolean rfc3339) {
        String rest = c.rest().stripLeading();
        int space = rest.indexOf(' ');
        String host = space < 0 ? rest : rest.substring(0, space);
        rest = space < 0 ? "" : rest.substring(space + 1);
        if (rest.startsWith(host + " ")) {
            rest = rest.substring(host.length() + 1); // UniFi writes its host twice
        }
        if (host.isEmpty() || host.chars().noneMatch(Character::isLetterOrDigit)) {
            // "Mar 24 14:26:01 --- last message repeated 2 times ---": no host, no tag
            return new SyslogLine(format, pri, stamp, rfc3339, null, null, null, null, null, Map.of(),
                    (host + " " + rest).strip());
        }
        int colon = tagEnd(rest);
        if (colon >= 0) {
            String candidate = rest.substring(0, colon).strip();
            Matcher tag = TAG.matcher(candidate);
            if (candidate.equals("-") || (tag.matches() && candidate.length() <= 96)) {
                String name = candidate.equals("-") ? null : tag.group("name");
                String message = rest.substring(Math.min(rest.length(), colon + 1)).stripLeading();
                return new SyslogLine(format, pri, stamp, rfc3339, host, name,
                        candidate.equals("-") ? null : emptyToNull(tag.group("pid")),
                        null, candidate.equals("-") ? null : tag.group("suffix"), Map.of(), message);
            }
        }
        return new SyslogLine(format, pri, stamp, rfc3339, host, null, null, null, null, Map.of(), rest);
    }

    /** Where the tag ends: the first colon followed by a space or the end of the line. */
    private static int tagEnd(String rest) {
        for (int i = rest.indexOf(':'); i >= 0; i = rest.indexOf(':', i + 1)) {
            if (i == rest.length() - 1 || rest.charAt(i + 1) == ' ') {
                return i;
            }
        }
        return -1;
    }

    /** The facility name of the PRI, for a label. */
    @Nullable
    String facility() {
        String[] names = {"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron",
                "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2", "local3", "local4",
                "local5", "local6", "local7"};
        return pri == null ? null : names[pri / 8];
    }

    @Nullable
    String severity() {
        return pri == null ? null : SyslogDecoder.SEVERITIES[pri % 8];
    }

    private static int number(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new SourceDataException("the PRI '<" + digits + ">' is not a number");
        }
    }

    private static @Nullable String nil(String value) {
        return "-".equals(value) || value.isEmpty() ? null : value;
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Reads space-separated tokens and RFC 5424 structured data off a line. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        String token() {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ') {
                pos++;
            }
            if (start == pos) {
                throw new SourceDataException("the line ends before its header does");
            }
            return s.substring(start, pos);
        }

        String rest() {
            return pos >= s.length() ? "" : s.substring(pos);
        }

        boolean atStructuredData() {
            int at = pos;
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
            return at < s.length() && (s.charAt(at) == '[' || (s.charAt(at) == '-'
                    && (at + 1 == s.length() || s.charAt(at + 1) == ' ')));
        }

        /** {@code -} or {@code [id k="v" ...][id2 ...]}; values may escape {@code " \ ]} with a backslash. */
        void structuredData(Map<String, String> into) {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
                return;
            }
            if (pos >= s.length() || s.charAt(pos) != '[') {
                throw new SourceDataException("structured data must be '-' or start with '['");
            }
            while (pos < s.length() && s.charAt(pos) == '[') {
                pos++;
                String id = name();
                while (pos < s.length() && s.charAt(pos) == ' ') {
                    pos++;
                    String param = name();
                    expect('=');
                    expect('"');
                    StringBuilder value = new StringBuilder();
                    while (pos < s.length() && s.charAt(pos) != '"') {
                        char ch = s.charAt(pos++);
                        if (ch == '\\' && pos < s.length() && "\"\\]".indexOf(s.charAt(pos)) >= 0) {
                            ch = s.charAt(pos++);
                        }
                        value.append(ch);
                    }
                    expect('"');
                    into.put(id + "." + param, value.toString());
                }
                expect(']');
            }
        }

        private String name() {
            int start = pos;
            while (pos < s.length() && " =]\"".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw new SourceDataException("structured data has an empty name at column " + (pos + 1));
            }
            return s.substring(start, pos);
        }

        private void expect(char ch) {
            if (pos >= s.length() || s.charAt(pos) != ch) {
                throw new SourceDataException(
                        "structured data expects '" + ch + "' at column " + (pos + 1));
            }
            pos++;
        }
    }
}
