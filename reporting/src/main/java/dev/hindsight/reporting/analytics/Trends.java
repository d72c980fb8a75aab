package dev.hindsight.reporting.analytics;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Response times over time: per month or quarter (by when incidents began, in UTC), the median and 90th percentile
 * of time to detect, acknowledge, mitigate and resolve, for all incidents and broken down by severity, service, team
 * and cause; and how many incidents there were.
 *
 * @param period {@code month} or {@code quarter}
 * @param rows one per period and group, oldest period first
 */
public record Trends(String period, List<Row> rows) {

    /** The dimensions rows are grouped by; {@code all} is every incident of the period. */
    public static final List<String> DIMENSIONS = List.of("all", "severity", "service", "team", "cause");

    /**
     * A percentile summary in seconds over the incidents where the figure is known.
     *
     * @param n how many incidents had the figure
     */
    public record Stat(int n, @Nullable Long median, @Nullable Long p90) {}

    /**
     * One period and group.
     *
     * @param dimension one of {@link #DIMENSIONS}
     * @param value the group within the dimension (e.g. {@code SEV1}, {@code checkout}, {@code (no team)})
     */
    public record Row(String period, String dimension, String value, int incidents, Stat ttd, Stat tta, Stat ttm,
            Stat ttr) {}

    /** What the trend needs of an incident: its row and how it is filed. */
    record Input(Dashboard.IncidentRow row, List<String> services, @Nullable String team, @Nullable String cause) {}

    static Trends of(String period, List<Input> inputs) {
        Function<Input, String> periodOf = period.equals("quarter")
                ? i -> quarter(i.row().from().atZone(ZoneOffset.UTC))
                : i -> month(i.row().from().atZone(ZoneOffset.UTC));
        Map<List<String>, List<Dashboard.IncidentRow>> groups = new TreeMap<>(Comparator
                .<List<String>, String>comparing(k -> k.get(0))
                .thenComparing(k -> DIMENSIONS.indexOf(k.get(1)))
                .thenComparing(k -> k.get(2)));
        for (Input in : inputs) {
            String p = periodOf.apply(in);
            add(groups, p, "all", "all", in);
            add(groups, p, "severity", in.row().severity(), in);
            for (String service : in.services().isEmpty() ? List.of("(no service)") : in.services()) {
                add(groups, p, "service", service, in);
            }
            add(groups, p, "team", in.team() == null ? "(no team)" : in.team(), in);
            add(groups, p, "cause", in.cause() == null ? "(not set)" : in.cause(), in);
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((key, members) -> rows.add(new Row(key.get(0), key.get(1), key.get(2), members.size(),
                stat(members, Dashboard.IncidentRow::ttd), stat(members, Dashboard.IncidentRow::tta),
                stat(members, Dashboard.IncidentRow::ttm), stat(members, Dashboard.IncidentRow::ttr))));
        return new Trends(period, rows);
    }

    /** The rows of one dimension. */
    public List<Row> by(String dimension) {
        return rows.stream().filter(r -> r.dimension().equals(dimension)).toList();
    }

    private static void add(Map<List<String>, List<Dashboard.IncidentRow>> groups, String period, String dimension,
            String value, Input in) {
        groups.computeIfAbsent(List.of(period, dimension, value), k -> new ArrayList<>()).add(in.row());
    }

    static String month(ZonedDateTime at) {
        return String.format(Locale.ROOT, "%04d-%02d", at.getYear(), at.getMonthValue());
    }

    static String quarter(ZonedDateTime at) {
        return String.format(Locale.ROOT, "%04d-Q%d", at.getYear(), (at.getMonthValue() - 1) / 3 + 1);
    }

    /** Nearest-rank percentiles: the median and p90 are figures some incident really had. */
    static Stat stat(List<Dashboard.IncidentRow> rows, Function<Dashboard.IncidentRow, @Nullable Long> figure) {
        List<Long> values = rows.stream().map(figure).filter(Objects::nonNull).sorted().toList();
        if (values.isEmpty()) {
            return new Stat(0, null, null);
        }
        return new Stat(values.size(), rank(values, 0.5), rank(values, 0.9));
    }

    private static long rank(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
