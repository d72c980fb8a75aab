package dev.hindsight.ingest.source.rfo;

import dev.hindsight.ingest.source.rfo.StatedDates.Found;
import dev.hindsight.ingest.source.rfo.StatedDates.Reading;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's notice states, read from its text as carriers write it, prose and tables alike: the times it gives
 * for impact start, identification, mitigation and end (labelled on one line or in the next table cell, as one-line
 * ranges, in the subject, or only in an attached calendar entry), its ticket number and the affected sites. Each
 * stated time keeps the text it was read from, whether its zone was assumed, and how an ambiguous date was read.
 */
final class StatedTimes {

    /** What a stated time means, and the labels providers use for it. */
    enum Moment {
        IMPACT_START("impactStart", "(?:(?:scheduled|planned|maintenance|event|outage|impact|incident|issue|problem"
                + "|work|activity|window|primary|service)\\s+)*(?:start(?:s|ed|ing)?|begin(?:s|ning)?|began|commenc\\w*)"
                + "|first\\s+(?:observed|detected)"),
        IDENTIFIED("identified", "(?:root\\s+cause\\s+)?identified(?:\\s+at)?|cause\\s+identified"),
        MITIGATED("mitigated", "mitigat(?:ed|ion)(?:\\s+at)?|workaround\\s+applied"),
        IMPACT_END("impactEnd", "(?:(?:scheduled|planned|maintenance|event|outage|impact|incident|issue|work"
                + "|activity|window|primary|service)\\s+)*(?:end(?:s|ed|ing)?|finish(?:ed)?|complet(?:ed|ion)|stop"
                + "|resolved|cleared|restor(?:ed|ation))");

        final String key;
        final Pattern label;

        Moment(String key, String label) {
            this.key = key;
            this.label = Pattern.compile("^[\\s*•\\-]*(?:" + label + ")(?:\\s+(?:date|time|date\\s*(?:&|and|/)\\s*time"
                    + "|at))?(?:\\s*\\([^)]{1,40}\\))?(?:\\s+day\\s+\\d+)?\\s*(?:[:|\\t\\-–]+|\\s{2,}|$)",
                    Pattern.CASE_INSENSITIVE);
        }
    }

    private static final Pattern ICS = Pattern.compile(
            "(?m)^DT(START|END)(?:;[^:\\r\\n]*)?:(\\d{8}T\\d{6})(Z?)");
    private static final Pattern ICS_ZONE = Pattern.compile("TZID=([A-Za-z_/+-]+)");
    private static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
    private static final Pattern SITES = Pattern.compile(
            "(?im)^\\s*(?:affected\\s+)?(?:sites?|data\\s*cent(?:er|re)s?|locations?|facilit(?:y|ies)|circuit\\s+ids?)\\s*:\\s*(.+)$");
    private static final Pattern NUMERIC_DATE = Pattern.compile("(?<![\\d./])(\\d{1,2})[/.](\\d{1,2})[/.]\\d{2,4}");
    /** US zones as notices name them: abbreviations, "Eastern Time", "( Central )"; not "Great Eastern Street". */
    private static final Pattern US_ZONES = Pattern.compile("(?<![A-Za-z])(?:E[SD]T|C[SD]T|P[SD]T|M[SD]T)(?![A-Za-z])"
            + "|(?i:(?:eastern|central|pacific|mountain)(?:\\s+(?:standard|daylight))?\\s+time)"
            + "|\\(\\s*(?i:eastern|central|pacific|mountain)\\s*\\)");
    /** A line that announces work or an outage: its one stated time is when it starts. */
    private static final Pattern ANNOUNCES = Pattern.compile(
            "(?i)\\b(?:maintenance|outage|work|scheduled|planned|emergency|migration|upgrade)\\b");
    private static final Pattern ORDER_HINT = Pattern.compile("(?i)\\b(dd|mm)[/.-](dd|mm)[/.-]yy(?:yy)?\\b");
    /** Country domains whose people write the day first. */
    private static final Set<String> DAY_FIRST_DOMAINS = Set.of("uk", "ie", "eu", "fr", "de", "it", "es", "pt",
            "nl", "be", "ch", "at", "se", "no", "dk", "fi", "pl", "cz", "gr", "tr", "au", "nz", "in", "sg", "hk",
            "za", "br", "ar", "mx", "ru");

    private StatedTimes() {}

    /** A stated time: when, as written, whether its zone was assumed, and how an ambiguous date was read. */
    record Stated(Instant at, String original, boolean zoneAssumed, @Nullable String decided) {

        Stated(Instant at, String original, boolean zoneAssumed) {
            this(at, original, zoneAssumed, null);
        }
    }

    /** The findings of a notice. */
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
                if (stated.decided() != null) {
                    labels.put("stated." + key + ".decided", stated.decided());
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

    /** Reads a text alone (a PDF): no subject, no sender. */
    static Findings find(String text, ZoneId assumedZone, @Nullable LocalDate reference) {
        return find(text, null, null, assumedZone, reference);
    }

    /**
     * Reads the stated times, ticket and sites.
     *
     * @param subject the message's subject: windows and ticket numbers are often only there
     * @param senderDomain the sender's domain, a hint to how its people write dates
     * @param reference the message's own date: for times stated without a date, dates without a year, and number
     *     dates the text does not settle
     */
    static Findings find(String text, @Nullable String subject, @Nullable String senderDomain, ZoneId assumedZone,
            @Nullable LocalDate reference) {
        String all = text + "\n" + (subject == null ? "" : subject);
        Reading reading = reading(all, senderDomain, assumedZone, reference);
        List<String> lines = text.replace('\u00A0', ' ').replace('\u0130', 'I').replace('\u0131', 'i').lines()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        Window best = new Window();
        Window labelled = new Window();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (Moment moment : Moment.values()) {
                Matcher label = moment.label.matcher(line);
                if (!label.lookingAt()) {
                    continue;
                }
                List<Found> found = StatedDates.in(line.substring(label.end()), reading, zoneOf(label.group()));
                for (int next = i + 1; found.isEmpty() && next < Math.min(lines.size(), i + 4); next++) {
                    if (isLabel(lines.get(next))) {
                        break;
                    }
                    found = StatedDates.in(lines.get(next), reading, zoneOf(label.group()));
                }
                if (!found.isEmpty()) {
                    labelled.offer(moment.key, found.getFirst(), 0);
                    if (moment == Moment.IMPACT_START && found.size() >= 2) {
                        labelled.offer(Moment.IMPACT_END.key, found.get(1), 0);
                    }
                }
                break;
            }
        }
        best.take(labelled, 3);
        for (String line : lines) {
            range(line, reading).ifPresent(r -> best.window(r, 2));
        }
        if (subject != null) {
            range(subject, reading).ifPresent(r -> best.window(r, 1.5));
        }
        calendar(text).ifPresent(r -> best.window(r, 2.5));
        if (!best.times().containsKey(Moment.IMPACT_START.key)) {
            // "will be performing scheduled maintenance ... at 2024-01-31 18:00:00+00:00 UTC": a start, no end
            for (String line : subject == null
                    ? lines
                    : java.util.stream.Stream.concat(lines.stream(),
                            java.util.stream.Stream.of(subject)).toList()) {
                if (ANNOUNCES.matcher(line).find()) {
                    StatedDates.in(line, reading, null).stream().filter(f -> !f.zoneAssumed()).findFirst()
                            .ifPresent(f -> best.offer(Moment.IMPACT_START.key, f, 0));
                }
            }
        }
        Matcher sites = SITES.matcher(text);
        return new Findings(best.times(), Tickets.find(text, subject), sites.find() ? sites.group(1).strip() : null);
    }

    private static boolean isLabel(String line) {
        for (Moment m : Moment.values()) {
            if (m.label.matcher(line).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** The zone a label names, as in "Start Date/Time (UTC)". */
    private static @Nullable ZoneId zoneOf(String label) {
        return StatedDates.zoneIn(label);
    }

    /** Two date-times on one line, the second after the first by at most 31 days: a window. */
    private static java.util.Optional<Found[]> range(String line, Reading reading) {
        List<Found> found = StatedDates.in(line, reading, null);
        if (found.size() == 2 && found.get(1).at().isAfter(found.get(0).at())
                && Duration.between(found.get(0).at(), found.get(1).at()).toDays() <= 31) {
            return java.util.Optional.of(new Found[]{found.get(0), found.get(1)});
        }
        return java.util.Optional.empty();
    }

    /** The window of an attached calendar entry (iCalendar DTSTART/DTEND). */
    private static java.util.Optional<Found[]> calendar(String text) {
        Matcher m = ICS.matcher(text);
        Found start = null;
        Found end = null;
        while (m.find()) {
            ZoneId zone = ZoneOffset.UTC;
            Matcher tz = ICS_ZONE.matcher(m.group());
            if (m.group(3).isEmpty() && tz.find()) {
                try {
                    zone = ZoneId.of(tz.group(1).equals("UTC") ? "Z" : tz.group(1));
                } catch (java.time.DateTimeException e) {
                    continue;
                }
            }
            Found f = new Found(LocalDateTime.parse(m.group(2), ICS_TIME).atZone(zone).toInstant(), m.group().strip(),
                    false, null);
            if (m.group(1).equals("START") && start == null) {
                start = f;
            } else if (m.group(1).equals("END") && end == null) {
                end = f;
            }
        }
        return start != null && end != null
                ? java.util.Optional.of(new Found[]{start, end})
                : java.util.Optional.empty();
    }

    /** How this notice writes number dates: its own unambiguous dates, else its sender's country, else US zones. */
    static Reading reading(String text, @Nullable String senderDomain, ZoneId assumedZone,
            @Nullable LocalDate reference) {
        int dayFirst = 0;
        int monthFirst = 0;
        Matcher m = NUMERIC_DATE.matcher(text);
        while (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            dayFirst += a > 12 && b <= 12 ? 1 : 0;
            monthFirst += b > 12 && a <= 12 ? 1 : 0;
        }
        Reading none = new Reading(null, "", assumedZone, reference);
        Matcher hint = ORDER_HINT.matcher(text);
        if (hint.find() && !hint.group(1).equalsIgnoreCase(hint.group(2))) {
            boolean dayFirstHint = hint.group(1).equalsIgnoreCase("dd");
            return none.decided(dayFirstHint, "the notice says it writes " + hint.group().toLowerCase(Locale.ROOT));
        }
        if (dayFirst != monthFirst) {
            return none.decided(dayFirst > monthFirst, "other dates of the notice put the "
                    + (dayFirst > monthFirst ? "day" : "month") + " first");
        }
        String tld = senderDomain == null
                ? ""
                : senderDomain.substring(senderDomain.lastIndexOf('.') + 1)
                        .toLowerCase(Locale.ROOT);
        if (DAY_FIRST_DOMAINS.contains(tld)) {
            return none.decided(true, "the sender's country (." + tld + ") writes the day first");
        }
        Matcher us = US_ZONES.matcher(text);
        if (tld.equals("us") || us.find()) {
            return none.decided(false, tld.equals("us")
                    ? "the sender writes from the US, where the month comes first"
                    : "the notice states the US zone " + us.group() + ", where the month comes first");
        }
        return none;
    }

    /** The best start and end found so far, each with the score of how it was found. */
    private static final class Window {
        private final Map<String, Stated> times = new LinkedHashMap<>();
        private final Map<String, Double> scores = new LinkedHashMap<>();

        void offer(String key, Found found, double score) {
            double s = score + (found.zoneAssumed() ? 0 : 0.5);
            if (!scores.containsKey(key) || scores.get(key) < s) {
                times.put(key, new Stated(found.at(), found.original(), found.zoneAssumed(), found.decided()));
                scores.put(key, s);
            }
        }

        void window(Found[] range, double score) {
            offer(Moment.IMPACT_START.key, range[0], score);
            offer(Moment.IMPACT_END.key, range[1], score);
        }

        void take(Window labelled, double score) {
            labelled.times.forEach((key, stated) -> offer(key, new Found(stated.at(), stated.original(),
                    stated.zoneAssumed(), stated.decided()), score));
        }

        Map<String, Stated> times() {
            return times;
        }
    }
}
