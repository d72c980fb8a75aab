package dev.hindsight.ingest.source.rfo;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's RFO states, read from its free text: the times it gives for impact start, identification,
 * mitigation and end, its ticket number and the affected sites. Labels vary by vendor ("Event Start", "Outage began",
 * "Service restored"...), zones too (GMT, UTC, EDT...); a time without a zone is read in the configured zone and
 * marked as assumed.
 */
final class StatedTimes {

    /** What a stated time means, and the labels providers use for it. */
    enum Moment {
        IMPACT_START("impactStart",
                "(?:event|outage|impact|incident|issue|problem)\\s+(?:start(?:ed)?(?:\\s+time)?|began|begin)|start\\s+time|began|first\\s+(?:observed|detected)"),
        IDENTIFIED("identified", "(?:root\\s+cause\\s+)?identified(?:\\s+at)?|cause\\s+identified"),
        MITIGATED("mitigated", "mitigat(?:ed|ion)(?:\\s+at)?|workaround\\s+applied"),
        IMPACT_END("impactEnd",
                "(?:event|outage|impact|incident|issue)\\s+(?:end(?:ed)?(?:\\s+time)?|resolved|cleared)|end\\s+time|(?:service\\s+)?restor(?:ed|ation)(?:\\s+time)?|resolved(?:\\s+at)?|cleared(?:\\s+at)?");

        final String key;
        final Pattern label;

        Moment(String key, String label) {
            this.key = key;
            this.label = Pattern.compile("^\\s*[-*•]?\\s*(?:" + label + ")\\s*[:\\-–]\\s*(.+)$",
                    Pattern.CASE_INSENSITIVE);
        }
    }

    private static final Pattern TICKET = Pattern.compile(
            "(?i)(?:ticket|case|reference|incident)\\s*(?:number|no\\.?|#|id)?\\s*[:#]\\s*([A-Z0-9][A-Z0-9-]{3,40})");
    private static final Pattern SITES = Pattern.compile(
            "(?im)^\\s*(?:affected\\s+)?(?:sites?|data\\s*cent(?:er|re)s?|locations?|facilit(?:y|ies)|circuit\\s+ids?)\\s*:\\s*(.+)$");
    private static final Map<String, ZoneId> ZONES = Map.ofEntries(
            Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("Z", ZoneOffset.UTC),
            Map.entry("EDT", ZoneOffset.ofHours(-4)), Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("CDT", ZoneOffset.ofHours(-5)), Map.entry("CST", ZoneOffset.ofHours(-6)),
            Map.entry("MDT", ZoneOffset.ofHours(-6)), Map.entry("MST", ZoneOffset.ofHours(-7)),
            Map.entry("PDT", ZoneOffset.ofHours(-7)), Map.entry("PST", ZoneOffset.ofHours(-8)),
            Map.entry("BST", ZoneOffset.ofHours(1)), Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)),
            Map.entry("IST", ZoneOffset.ofHoursMinutes(5, 30)), Map.entry("JST", ZoneOffset.ofHours(9)));
    private static final Pattern ZONE_SUFFIX = Pattern.compile(
            "\\s*\\(?\\b(UTC|GMT|Z|EDT|EST|CDT|CST|MDT|MST|PDT|PST|BST|CET|CEST|IST|JST)\\b\\)?\\s*$|\\s*([+-]\\d{2}:?\\d{2})\\s*$");
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            pattern("yyyy-MM-dd['T'][' ']HH:mm[:ss]"),
            pattern("yyyy/MM/dd HH:mm[:ss]"),
            pattern("MMMM d[','] yyyy[','] [' at ']h:mm[:ss] a"),
            pattern("MMM d[','] yyyy[','] [' at ']h:mm[:ss] a"),
            pattern("MMMM d[','] yyyy[','] [' at ']HH:mm[:ss]"),
            pattern("MMM d[','] yyyy[','] [' at ']HH:mm[:ss]"),
            pattern("d MMMM yyyy[','] HH:mm[:ss]"),
            pattern("d MMM yyyy[','] HH:mm[:ss]"),
            pattern("EEE',' d MMM yyyy HH:mm[:ss]"),
            pattern("MM/dd/yyyy HH:mm[:ss]"),
            pattern("MM/dd/yyyy h:mm[:ss] a"));
    private static final List<DateTimeFormatter> TIMES = List.of(pattern("h:mm[:ss] a"), pattern("HH:mm[:ss]"));

    private StatedTimes() {}

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p).toFormatter(Locale.ENGLISH);
    }

    /** A stated time: when, as written, and whether its zone was assumed. */
    record Stated(Instant at, String original, boolean zoneAssumed) {}

    /** The findings of an RFO text. */
    record Findings(Map<String, Stated> times, @Nullable String ticket, @Nullable String sites) {

        /** As event labels: {@code stated.impactStart=2014-08-12T07:50:00Z}, the original text beside it. */
        Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            times.forEach((key, stated) -> {
                labels.put("stated." + key, stated.at().toString());
                labels.put("stated." + key + ".original", stated.original());
                if (stated.zoneAssumed()) {
                    labels.put("stated." + key + ".zoneAssumed", "true");
                }
            });
            if (ticket != null) {
                labels.put("ticket", ticket);
            }
            if (sites != null) {
                labels.put("sites", sites);
            }
            return labels;
        }
    }

    /**
     * Reads the labelled times, ticket and sites.
     *
     * @param reference a date for times stated without one (the message's own date)
     */
    static Findings find(String text, ZoneId assumedZone, @Nullable LocalDate reference) {
        Map<String, Stated> times = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            for (Moment moment : Moment.values()) {
                if (times.containsKey(moment.key)) {
                    continue;
                }
                Matcher m = moment.label.matcher(line);
                if (m.matches()) {
                    parse(m.group(1), assumedZone, reference).ifPresent(t -> times.put(moment.key, t));
                    break;
                }
            }
        }
        Matcher ticket = TICKET.matcher(text);
        Matcher sites = SITES.matcher(text);
        return new Findings(times, ticket.find() ? ticket.group(1) : null,
                sites.find() ? sites.group(1).strip() : null);
    }

    /** Parses one stated time such as "2018-12-27 08:40 GMT", "August 12, 2014 3:50 AM EDT", "10:30 UTC". */
    static Optional<Stated> parse(String value, ZoneId assumedZone, @Nullable LocalDate reference) {
        String text = value.strip().replaceAll("\\s+", " ").replaceAll("[.;]+$", "");
        ZoneId zone = null;
        Matcher suffix = ZONE_SUFFIX.matcher(text);
        if (suffix.find()) {
            try {
                zone = suffix.group(1) != null
                        ? ZONES.get(suffix.group(1).toUpperCase(Locale.ROOT))
                        : ZoneOffset.of(normalizeOffset(suffix.group(2)));
            } catch (DateTimeException e) {
                return Optional.empty(); // an offset such as -4000 is no offset at all: not a time we can state
            }
            text = text.substring(0, suffix.start()).strip();
        }
        ZoneId effective = zone == null ? assumedZone : zone;
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                LocalDateTime local = LocalDateTime.parse(text, f);
                return Optional.of(new Stated(local.atZone(effective).toInstant(), value.strip(), zone == null));
            } catch (DateTimeException e) {
                // next layout
            }
        }
        if (reference != null) {
            for (DateTimeFormatter f : TIMES) {
                try {
                    LocalTime time = LocalTime.parse(text, f);
                    return Optional.of(new Stated(reference.atTime(time).atZone(effective).toInstant(), value.strip(),
                            zone == null));
                } catch (DateTimeException e) {
                    // next layout
                }
            }
        }
        return Optional.empty();
    }

    private static String normalizeOffset(String offset) {
        return offset.length() == 5 ? offset.substring(0, 3) + ":" + offset.substring(3) : offset;
    }
}
