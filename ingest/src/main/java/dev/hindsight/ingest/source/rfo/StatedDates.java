package dev.hindsight.ingest.source.rfo;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The date-times a line of a provider's notice states, in the many ways carriers write them: ISO-like dates, day-
 * or month-first numbers ({@code 06/8/2021}, {@code 8/12/2021}, {@code 07.08.2021}), month names either side of the day
 * ({@code 18-Oct-2022}, {@code 2 May 2023}, {@code March 31, 2025}), dates without a year ({@code FRIDAY, 02 JUL}),
 * times before or after the date, 12-hour clocks, and zones as words, abbreviations, offsets or {@code GMT+3}, glued to
 * the time, in parentheses, or once after a whole range. A number date whose order the numbers do not settle is read
 * in the order the {@link Reading} decided, and says so.
 */
final class StatedDates {

    private StatedDates() {}

    private static final String MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?!\\d)");
    private static final Pattern NUMERIC = Pattern
            .compile("(?<![\\d./])(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4}|\\d{2})(?![\\d/.])");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "(?i)(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?[- ](" + MONTHS + ")\\.?(?:[- ,]+(\\d{4}))?(?![a-z])");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?i)(?<![a-z])(" + MONTHS + ")\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})(?!\\d)");
    private static final Pattern TIME = Pattern.compile(
            "(?i)(?<![\\d:])(\\d{1,2}) ?: ?(\\d{2})(?: ?: ?(\\d{2})(?:\\.\\d+)?)?(?: ?([ap])\\.?m\\.?(?![a-z]))?(?![\\d:])");
    private static final Pattern ZONE_WORD = Pattern.compile("(?i)(?<![a-z])(utc|gmt|eastern|central|mountain|pacific"
            + "|[ecmp][sd]?t|ist|bst|cet|cest|eet|eest|jst|sgt|hkt|aest|aedt|awst)(?![a-z])"
            + "(?:\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?)?");
    private static final Pattern OFFSET = Pattern.compile("(?<![\\d:])([+-])(\\d{2}):?(\\d{2})(?!\\d)");

    private static final Map<String, ZoneId> ZONES = Map.ofEntries(Map.entry("utc", ZoneOffset.UTC),
            Map.entry("gmt", ZoneOffset.UTC), Map.entry("eastern", ZoneId.of("America/New_York")),
            Map.entry("et", ZoneId.of("America/New_York")), Map.entry("central", ZoneId.of("America/Chicago")),
            Map.entry("ct", ZoneId.of("America/Chicago")), Map.entry("mountain", ZoneId.of("America/Denver")),
            Map.entry("mt", ZoneId.of("America/Denver")), Map.entry("pacific", ZoneId.of("America/Los_Angeles")),
            Map.entry("pt", ZoneId.of("America/Los_Angeles")), Map.entry("est", ZoneOffset.ofHours(-5)),
            Map.entry("edt", ZoneOffset.ofHours(-4)), Map.entry("cst", ZoneOffset.ofHours(-6)),
            Map.entry("cdt", ZoneOffset.ofHours(-5)), Map.entry("mst", ZoneOffset.ofHours(-7)),
            Map.entry("mdt", ZoneOffset.ofHours(-6)), Map.entry("pst", ZoneOffset.ofHours(-8)),
            Map.entry("pdt", ZoneOffset.ofHours(-7)), Map.entry("ist", ZoneOffset.ofHoursMinutes(5, 30)),
            Map.entry("bst", ZoneOffset.ofHours(1)), Map.entry("cet", ZoneOffset.ofHours(1)),
            Map.entry("cest", ZoneOffset.ofHours(2)), Map.entry("eet", ZoneOffset.ofHours(2)),
            Map.entry("eest", ZoneOffset.ofHours(3)), Map.entry("jst", ZoneOffset.ofHours(9)),
            Map.entry("sgt", ZoneOffset.ofHours(8)), Map.entry("hkt", ZoneOffset.ofHours(8)),
            Map.entry("aest", ZoneOffset.ofHours(10)), Map.entry("aedt", ZoneOffset.ofHours(11)),
            Map.entry("awst", ZoneOffset.ofHours(8)));

    /** How number dates are read in this notice, and why; the zone and day of times that state neither. */
    record Reading(@Nullable Boolean dayFirst, String why, ZoneId assumedZone, @Nullable LocalDate reference) {

        Reading decided(boolean isDayFirst, String because) {
            return new Reading(isDayFirst, because, assumedZone, reference);
        }
    }

    /**
     * A date-time found in a line.
     *
     * @param original the text it was read from
     * @param zoneAssumed no zone was stated for it
     * @param decided how an ambiguous date was read, or null
     */
    record Found(Instant at, String original, boolean zoneAssumed, @Nullable String decided) {}

    private record Span(int start, int end, Object value) {}

    /** Every date-time the line states, in order; {@code labelZone} is the zone its label names, e.g. "(GMT)". */
    static List<Found> in(String line, Reading reading, @Nullable ZoneId labelZone) {
        String s = line.replace('\u00A0', ' ').replace('\u2013', '-').replace('\u2014', '-');
        List<Span> dates = dates(s, reading);
        List<Span> times = new ArrayList<>();
        Matcher t = TIME.matcher(s);
        while (t.find()) {
            if (!inside(t.start(), dates)) {
                times.add(new Span(t.start(), t.end(), time(t)));
            }
        }
        List<Span> zones = zones(s, times);
        List<Found> found = new ArrayList<>();
        LocalDate lastDate = null;
        Span previousZone = null;
        for (int i = 0; i < times.size(); i++) {
            Span time = times.get(i);
            Span date = dateFor(time, i, times, dates);
            LocalDate day = date != null ? (LocalDate) ((Object[]) date.value())[0] : lastDate;
            if (day == null) {
                continue;
            }
            LocalDateTime local = day.atTime((LocalTime) time.value());
            Span zone = zoneFor(time, i, times, zones);
            if (zone == null && previousZone != null) {
                zone = previousZone; // "UTC: 02 JUL 10:00 - 02 JUL 15:00": one zone for the line's range
            }
            previousZone = zone;
            ZoneId zoneId = zone != null
                    ? (ZoneId) zone.value()
                    : labelZone != null
                            ? labelZone
                            : reading.assumedZone();
            int from = Math.min(time.start(), date == null ? time.start() : date.start());
            int to = Math.max(time.end(), zone == null ? time.end() : zone.end());
            while (to < s.length() && (s.charAt(to) == ')' || s.charAt(to) == ' ') && to < time.end() + 40
                    && s.substring(Math.min(from, to), to).chars().filter(c -> c == '(').count() > s
                            .substring(Math.min(from, to), to).chars().filter(c -> c == ')').count()) {
                to++; // "21:00:00(GMT)" keeps its closing parenthesis
            }
            Instant at = local.atZone(zoneId).toInstant();
            if (date == null && !found.isEmpty() && at.isBefore(found.getLast().at())) {
                at = at.plus(Duration.ofDays(1)); // "10:00 - 02:00": the end is the next day
            }
            found.add(new Found(at, s.substring(from, Math.min(to, s.length())).strip(),
                    zone == null && labelZone == null, date == null ? null : (String) ((Object[]) date.value())[1]));
            lastDate = day;
        }
        return found;
    }

    /** The first zone a text names in words ("(UTC)", "Eastern"), for labels that state the zone of their values. */
    static @Nullable ZoneId zoneIn(String text) {
        List<Span> zones = zones(text, List.of());
        return zones.isEmpty() ? null : (ZoneId) zones.getFirst().value();
    }

    private static boolean inside(int position, List<Span> spans) {
        return spans.stream().anyMatch(sp -> position >= sp.start() && position < sp.end());
    }

    /**
     * The date a time belongs to. Where the line writes dates first ({@code 2021-12-02 05:00}), the last date before
     * the time since the previous one; where it writes times first ({@code 22:00 12/10/2020}), the first date after
     * it; a time with neither takes the line's one date ({@code 10:00 - 11:00 UTC, 12/05/21}).
     */
    private static @Nullable Span dateFor(Span time, int index, List<Span> times, List<Span> dates) {
        if (dates.isEmpty()) {
            return null;
        }
        boolean timesFirst = times.getFirst().start() < dates.getFirst().start();
        int previous = index == 0 ? 0 : times.get(index - 1).end();
        int next = index + 1 < times.size() ? times.get(index + 1).start() : Integer.MAX_VALUE;
        if (!timesFirst) {
            Span best = null;
            for (Span d : dates) {
                if (d.end() <= time.start() && d.start() >= previous) {
                    best = d;
                }
            }
            if (best != null) {
                return best;
            }
        }
        for (Span d : dates) {
            if (d.start() >= time.end() && d.start() < next) {
                return d;
            }
        }
        return dates.size() == 1 ? dates.getFirst() : null;
    }

    /** The zone of a time: the first one after it before the next time, else one before it, else one after all. */
    private static @Nullable Span zoneFor(Span time, int index, List<Span> times, List<Span> zones) {
        int next = index + 1 < times.size() ? times.get(index + 1).start() : Integer.MAX_VALUE;
        for (Span z : zones) {
            if (z.start() >= time.end() && z.start() < next) {
                return z;
            }
        }
        int previous = index == 0 ? 0 : times.get(index - 1).end();
        for (Span z : zones) {
            if (z.end() <= time.start() && z.start() >= previous) {
                return z;
            }
        }
        // "05:00:00 - 2021-12-02 10:00:00 GMT": a zone written once after a range is the range's
        return zones.isEmpty() || zones.getLast().start() < time.end() ? null : zones.getLast();
    }

    private static LocalTime time(Matcher t) {
        int hour = Integer.parseInt(t.group(1));
        int minute = Integer.parseInt(t.group(2));
        int second = t.group(3) == null ? 0 : Integer.parseInt(t.group(3));
        if (t.group(4) != null) {
            boolean pm = t.group(4).equalsIgnoreCase("p");
            hour = hour % 12 + (pm ? 12 : 0);
        }
        return LocalTime.of(Math.min(hour, 23), Math.min(minute, 59), Math.min(second, 59));
    }

    private static List<Span> zones(String s, List<Span> times) {
        List<Span> zones = new ArrayList<>();
        Matcher w = ZONE_WORD.matcher(s);
        while (w.find()) {
            ZoneId zone = ZONES.get(w.group(1).toLowerCase(Locale.ROOT));
            if (zone == null) {
                continue;
            }
            if (w.group(2) != null) { // GMT+3, UTC-05:00
                int hours = Integer.parseInt(w.group(3)) * (w.group(2).equals("-") ? -1 : 1);
                int minutes = w.group(4) == null ? 0 : Integer.parseInt(w.group(4)) * Integer.signum(hours);
                try {
                    zone = ZoneOffset.ofHoursMinutes(hours, minutes);
                } catch (DateTimeException e) {
                    continue;
                }
            }
            zones.add(new Span(w.start(), w.end(), zone));
        }
        Matcher o = OFFSET.matcher(s);
        while (o.find()) {
            boolean afterTime = times.stream().anyMatch(t -> o.start() >= t.end() && o.start() - t.end() <= 2);
            if (afterTime && !inside(o.start(), zones)) {
                try {
                    int sign = o.group(1).equals("-") ? -1 : 1;
                    zones.add(new Span(o.start(), o.end(), ZoneOffset.ofHoursMinutes(
                            sign * Integer.parseInt(o.group(2)), sign * Integer.parseInt(o.group(3)))));
                } catch (DateTimeException e) {
                    // not an offset
                }
            }
        }
        zones.sort(java.util.Comparator.comparingInt(Span::start));
        return zones;
    }

    /** Dates with their reading note: {@code Object[]{LocalDate, String note}}. */
    private static List<Span> dates(String s, Reading reading) {
        List<Span> dates = new ArrayList<>();
        add(dates, ISO.matcher(s), m -> date(m.group(1), m.group(2), m.group(3)), null);
        add(dates, MONTH_DAY.matcher(s), m -> date(m.group(3), month(m.group(1)), m.group(2)), null);
        add(dates, DAY_MONTH.matcher(s), m -> m.group(3) != null
                ? date(m.group(3), month(m.group(2)), m.group(1))
                : withoutYear(Integer.parseInt(month(m.group(2))), Integer.parseInt(m.group(1)), reading), null);
        Matcher n = NUMERIC.matcher(s);
        while (n.find()) {
            if (inside(n.start(), dates)) {
                continue;
            }
            int a = Integer.parseInt(n.group(1));
            int b = Integer.parseInt(n.group(2));
            int year = Integer.parseInt(n.group(3)) + (n.group(3).length() == 2 ? 2000 : 0);
            boolean dayFirst;
            String note = null;
            if (a > 12 || b > 12) {
                dayFirst = a > 12;
            } else if (n.group().contains(".")) {
                dayFirst = true; // 07.08.2021: dotted dates are written day first
            } else if (a == b) {
                dayFirst = true;
            } else if (reading.dayFirst() != null) {
                dayFirst = reading.dayFirst();
                note = n.group() + " read " + (dayFirst ? "day-first" : "month-first") + " (" + reading.why() + ")";
            } else {
                dayFirst = nearer(year, a, b, reading.reference());
                note = n.group() + " read " + (dayFirst ? "day-first" : "month-first")
                        + " (the reading nearer the message's date)";
            }
            try {
                LocalDate day = dayFirst ? LocalDate.of(year, b, a) : LocalDate.of(year, a, b);
                dates.add(new Span(n.start(), n.end(), new Object[]{day, note}));
            } catch (DateTimeException e) {
                // 31/02: not a date
            }
        }
        dates.sort(java.util.Comparator.comparingInt(Span::start));
        return dates;
    }

    private interface DateOf {
        @Nullable
        LocalDate of(Matcher m);
    }

    private static void add(List<Span> dates, Matcher m, DateOf of, @Nullable String note) {
        while (m.find()) {
            if (inside(m.start(), dates)) {
                continue;
            }
            try {
                LocalDate day = of.of(m);
                if (day != null) {
                    dates.add(new Span(m.start(), m.end(), new Object[]{day, note}));
                }
            } catch (DateTimeException | NumberFormatException e) {
                // not a date after all
            }
        }
    }

    private static LocalDate date(String year, String month, String day) {
        return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
    }

    private static String month(String name) {
        String m = name.substring(0, 3).toLowerCase(Locale.ROOT);
        return Integer.toString(List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec").indexOf(m) + 1);
    }

    /** A day without a year: the year that puts it nearest the message's date. */
    private static @Nullable LocalDate withoutYear(int month, int day, Reading reading) {
        if (reading.reference() == null) {
            return null;
        }
        LocalDate best = null;
        for (int year = reading.reference().getYear() - 1; year <= reading.reference().getYear() + 1; year++) {
            try {
                LocalDate candidate = LocalDate.of(year, month, day);
                if (best == null || distance(candidate, reading.reference()) < distance(best, reading.reference())) {
                    best = candidate;
                }
            } catch (DateTimeException e) {
                // 29 Feb
            }
        }
        return best;
    }

    private static boolean nearer(int year, int a, int b, @Nullable LocalDate reference) {
        if (reference == null) {
            return true;
        }
        try {
            return distance(LocalDate.of(year, b, a), reference) <= distance(LocalDate.of(year, a, b), reference);
        } catch (DateTimeException e) {
            return true;
        }
    }

    private static long distance(LocalDate a, LocalDate b) {
        return Math.abs(a.toEpochDay() - b.toEpochDay());
    }
}
