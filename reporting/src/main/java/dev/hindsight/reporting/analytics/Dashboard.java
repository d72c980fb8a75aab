package dev.hindsight.reporting.analytics;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.IncidentFiling;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.reporting.actions.ActionItem;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The management dashboard's figures, computed from incidents, their timelines and their action items: response
 * times per incident and their trend per month and quarter, incidents by severity, service, team and cause,
 * action-item completion and aging by team, provider scorecards, and recurrences (an incident that repeats an earlier
 * one although the earlier one's action items were all closed before it began).
 */
public record Dashboard(
        List<IncidentRow> incidents,
        Map<String, Long> bySeverity,
        Map<String, Long> byService,
        Map<String, Long> byTeam,
        Map<String, Long> byCause,
        List<TeamRow> teams,
        List<ProviderRow> providers,
        List<Recurrence> recurrences,
        Trends monthly,
        Trends quarterly) {

    /**
     * One incident's response metrics (seconds, null when unknown).
     *
     * @param ttd from the first symptom to detection (the timeline's impact estimate), else the contract's TTD
     */
    public record IncidentRow(String key, String title, String severity, Instant from, @Nullable Long ttd,
            @Nullable Long tta,
            @Nullable Long ttm, @Nullable Long ttr, int actions, int actionsClosed) {}

    /** Action items of one team: how many, how many closed, overdue, and the mean age of the open ones in days. */
    public record TeamRow(String team, int total, int closed, int overdue, double meanOpenAgeDays) {
        public int completionPercent() {
            return total == 0 ? 0 : Math.round(100f * closed / total);
        }
    }

    /**
     * One outside provider across incidents.
     *
     * @param impactSeconds the total impact (TTR) of incidents with the provider's statements
     * @param discrepancies the times the provider's claims differed from our own evidence
     */
    public record ProviderRow(String provider, int incidents, long impactSeconds, int notices, int discrepancies,
            List<String> claims) {}

    /**
     * A later incident that repeats an earlier one although every action item of the earlier one was closed before
     * it began.
     *
     * @param itemIds the earlier incident's action items, which did not prevent the repeat
     */
    public record Recurrence(String laterKey, String earlierKey, String reason, List<Long> itemIds) {}

    /**
     * The inputs for one incident.
     *
     * @param cause the cause category its post-mortem settles on, else the one filed on the incident
     */
    public record IncidentFacts(IncidentSummary incident, Timeline timeline, List<ActionItem> actions,
            @Nullable String cause, IncidentFiling filing) {

        public IncidentFacts(IncidentSummary incident, Timeline timeline, List<ActionItem> actions) {
            this(incident, timeline, actions, null, IncidentFiling.NONE);
        }

        /**
         * The services it hit, as filed on the incident (the evidence's own service names are monitoring checks as
         * often as services, so they are no stand-in).
         */
        public List<String> services() {
            return filing.services().stream().sorted().toList();
        }

        public @Nullable String causeOrFiled() {
            return cause != null ? cause : filing.causeCategory();
        }
    }

    /** An earlier incident that is similar to a later one, as the similarity search says. */
    public record Similarity(String laterKey, String earlierKey, String reason) {}

    public static Dashboard of(List<IncidentFacts> facts, List<ActionItem> allActions, List<Similarity> similar,
            LocalDate today, Instant now) {
        List<IncidentRow> rows = new ArrayList<>();
        Map<String, Long> bySeverity = new TreeMap<>();
        Map<String, Long> byService = new TreeMap<>();
        Map<String, Long> byTeam = new TreeMap<>();
        Map<String, Long> byCause = new TreeMap<>();
        List<Trends.Input> trendInputs = new ArrayList<>();
        Map<String, ProviderAcc> providers = new TreeMap<>();
        for (IncidentFacts f : facts) {
            Timeline.Metrics m = f.timeline().metrics();
            int closed = (int) f.actions().stream().filter(a -> a.status().closed()).count();
            // a manager's time to detect runs from the first symptom (a report, a change, the provider's word)
            Long ttd = f.timeline().impact() != null && f.timeline().impact().detectedAfterSeconds() != null
                    ? f.timeline().impact().detectedAfterSeconds()
                    : m.timeToDetectSeconds();
            IncidentRow row = new IncidentRow(f.incident().key(), f.incident().title(),
                    f.incident().severity().name(), f.incident().from(),
                    ttd, m.timeToAcknowledgeSeconds(), m.timeToMitigateSeconds(),
                    m.timeToResolveSeconds(),
                    f.actions().size(), closed);
            rows.add(row);
            List<String> services = f.services();
            trendInputs.add(new Trends.Input(row, services, f.filing().team(), f.causeOrFiled()));
            bySeverity.merge(f.incident().severity().name(), 1L, Long::sum);
            byCause.merge(f.causeOrFiled() == null ? "(not set)" : f.causeOrFiled(), 1L, Long::sum);
            byTeam.merge(f.filing().team() == null ? "(no team)" : f.filing().team(), 1L, Long::sum);
            (services.isEmpty() ? List.of("(no service)") : services)
                    .forEach(s -> byService.merge(s, 1L, Long::sum));
            providersOf(f.timeline()).forEach(p -> providers.computeIfAbsent(p, ProviderAcc::new).add(f));
        }
        rows.sort(Comparator.comparing(IncidentRow::from));

        Map<String, List<ActionItem>> itemsByTeam = new TreeMap<>();
        allActions.forEach(a -> itemsByTeam.computeIfAbsent(a.team() == null ? "(no team)" : a.team(),
                t -> new ArrayList<>()).add(a));
        List<TeamRow> teams = itemsByTeam.entrySet().stream().map(e -> {
            List<ActionItem> items = e.getValue();
            List<ActionItem> open = items.stream().filter(a -> !a.status().closed()).toList();
            double age = open.stream().mapToLong(a -> a.ageDays(now)).average().orElse(0);
            return new TeamRow(e.getKey(), items.size(), items.size() - open.size(),
                    (int) items.stream().filter(a -> a.overdue(today)).count(),
                    Math.round(age * 10) / 10.0);
        }).toList();

        Map<String, List<ActionItem>> actionsOf = new TreeMap<>();
        allActions.forEach(a -> actionsOf.computeIfAbsent(a.incidentKey(), k -> new ArrayList<>()).add(a));
        Map<String, Instant> began = new TreeMap<>();
        facts.forEach(f -> began.put(f.incident().key(), f.incident().from()));
        List<Recurrence> recurrences = similar.stream()
                .filter(s -> began.containsKey(s.laterKey())
                        && closedBefore(actionsOf.getOrDefault(s.earlierKey(), List.of()), began.get(s.laterKey())))
                .map(s -> new Recurrence(s.laterKey(), s.earlierKey(),
                        s.reason() + "; every action item of " + s.earlierKey() + " was closed before "
                                + s.laterKey() + " began",
                        actionsOf.get(s.earlierKey()).stream().map(ActionItem::id).toList()))
                .toList();
        return new Dashboard(rows, bySeverity, byService, byTeam, byCause, teams,
                providers.values().stream().map(ProviderAcc::row).toList(), recurrences,
                Trends.of("month", trendInputs), Trends.of("quarter", trendInputs));
    }

    /** Items that were all closed before the moment: a repeat then shows that they fell short. */
    static boolean closedBefore(List<ActionItem> items, Instant moment) {
        return !items.isEmpty() && items.stream().allMatch(a -> a.status().closed() && a.closedAt() != null
                && a.closedAt().isBefore(moment));
    }

    /** Providers by the name their statements carry (RFO findings), else by the source their notices came from. */
    static java.util.Set<String> providersOf(Timeline t) {
        java.util.Set<String> named = new java.util.TreeSet<>();
        t.findings().stream().filter(x -> x.type() == Timeline.FindingType.PROVIDER_DISCREPANCY && x.source() != null)
                .forEach(x -> named.add(x.source()));
        if (named.isEmpty()) {
            t.entries().stream().filter(e -> e.provider() || e.kind() == EventKind.PROVIDER_NOTICE)
                    .forEach(e -> named.add(e.source()));
        }
        return named;
    }

    private static final class ProviderAcc {
        final String name;
        int incidents;
        long impact;
        int notices;
        int discrepancies;
        final List<String> claims = new ArrayList<>();

        ProviderAcc(String name) {
            this.name = name;
        }

        void add(IncidentFacts f) {
            incidents++;
            Long ttr = f.timeline().metrics().timeToResolveSeconds();
            impact += ttr == null ? Duration.between(f.incident().from(), f.incident().to()).toSeconds() : ttr;
            notices += (int) f.timeline().entries().stream()
                    .filter(e -> e.provider() || e.kind() == EventKind.PROVIDER_NOTICE).count();
            f.timeline().findings().stream()
                    .filter(x -> x.type() == Timeline.FindingType.PROVIDER_DISCREPANCY && name.equals(x.source()))
                    .forEach(x -> {
                        discrepancies++;
                        claims.add(f.incident().key() + ": " + x.message());
                    });
        }

        ProviderRow row() {
            return new ProviderRow(name, incidents, impact, notices, discrepancies, List.copyOf(claims));
        }
    }
}
