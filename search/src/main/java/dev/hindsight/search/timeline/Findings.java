package dev.hindsight.search.timeline;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.text.Durations;
import dev.hindsight.core.text.Texts;
import dev.hindsight.core.timeline.Timeline.Finding;
import dev.hindsight.core.timeline.Timeline.FindingType;
import dev.hindsight.core.timeline.Timeline.Moment;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import dev.hindsight.core.timeline.Timeline.Storyline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Step 5: what a commander should look at. Clock skew between sources, detection gaps (people reported before
 * monitoring did), communication gaps (long silences on the own status page), provider discrepancies (a provider's
 * stated times against our evidence) and data gaps (a source that speaks often, silent inside the window).
 */
final class Findings {

    private final TimelineSettings settings;

    Findings(TimelineSettings settings) {
        this.settings = settings;
    }

    /** Every finding of a timeline, in the order above. */
    List<Finding> of(IncidentSummary incident, List<StoredEvent> candidates, List<EntryGroup> groups,
            List<Storyline> storylines, Map<MomentKind, Moment> moments, List<ClockSkew.Skew> skews) {
        List<Finding> findings = new ArrayList<>();
        skews.forEach(k -> findings.add(new Finding(FindingType.CLOCK_SKEW,
                k.source() + " runs " + Durations.readable(Duration.ofSeconds(Math.abs(k.offsetSeconds()))) + " "
                        + (k.offsetSeconds() > 0 ? "ahead of" : "behind") + " " + k.reference() + " (" + k.pairs()
                        + " records mirror each other); corrected times are shown beside its entries",
                k.source(), k.offsetSeconds())));
        findings.addAll(detectionGaps(groups, storylines));
        findings.addAll(commsGaps(candidates, moments));
        findings.addAll(providerDiscrepancies(candidates, groups));
        findings.addAll(dataGaps(candidates, incident));
        return findings;
    }

    /** People reported a problem before any alert of its storyline fired, or no alert ever did. */
    private List<Finding> detectionGaps(List<EntryGroup> groups, List<Storyline> storylines) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<EntryGroup>> membersOf = groups.stream()
                .collect(Collectors.groupingBy(EntryGroup::storylineId)); // in time order
        for (Storyline s : storylines) {
            if (s.title().equals("Team chat") || s.title().equals("Status page updates")) {
                continue;
            }
            List<EntryGroup> members = membersOf.getOrDefault(s.id(), List.of());
            if (members.stream().allMatch(g -> TimelineAssembler.HUMAN.contains(g.kind()))) {
                continue; // chat alone is no storyline of the incident's own
            }
            Optional<EntryGroup> report = members.stream()
                    .filter(g -> g.kind() == EventKind.NOTE || g.kind() == EventKind.PAGE_NOTE
                            || (g.kind() == EventKind.CHAT_MESSAGE && Words.soundsLikeAProblem(g.first.event())))
                    .findFirst();
            Optional<EntryGroup> alert = members.stream()
                    .filter(g -> g.kind() == EventKind.ALERT_FIRING || g.kind() == EventKind.PAGE_TRIGGERED)
                    .findFirst();
            if (report.isEmpty()) {
                continue;
            }
            Instant reported = report.get().first.event().occurredAt();
            String who = report.get().first.event().actor() == null ? "someone" : report.get().first.event().actor();
            if (alert.isEmpty()) {
                findings.add(new Finding(FindingType.DETECTION_GAP,
                        who + " reported \"" + Texts.clip(report.get().first.event().title(), 80)
                                + "\" at " + reported + " and no alert of storyline \"" + s.title() + "\" ever fired",
                        null, null));
            } else {
                Duration lead = Duration.between(reported, alert.get().first.event().occurredAt());
                if (lead.compareTo(settings.detectionGap()) > 0) {
                    findings.add(new Finding(FindingType.DETECTION_GAP,
                            who + " reported \"" + Texts.clip(report.get().first.event().title(), 80)
                                    + "\" at " + reported + ", " + Durations.readable(lead)
                                    + " before the first alert of storyline \"" + s.title() + "\"",
                            null, null));
                }
            }
        }
        return findings;
    }

    /** Silences on the own status page longer than the threshold while the incident was open. */
    private List<Finding> commsGaps(List<StoredEvent> events, Map<MomentKind, Moment> moments) {
        Moment start = moments.getOrDefault(MomentKind.FIRST_COMMS, moments.get(MomentKind.DETECTED));
        Moment end = moments.get(MomentKind.RESOLVED);
        if (start == null || end == null) {
            return List.of();
        }
        List<Instant> updates = events.stream()
                .filter(e -> e.event().kind() == EventKind.STATUS_UPDATE && !e.event().provider())
                .map(e -> e.event().occurredAt()).filter(t -> t.isAfter(start.at()) && t.isBefore(end.at())).toList();
        List<Instant> marks = new ArrayList<>();
        marks.add(start.at());
        marks.addAll(updates);
        marks.add(end.at());
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i < marks.size(); i++) {
            Duration silence = Duration.between(marks.get(i - 1), marks.get(i));
            if (silence.compareTo(settings.commsGap()) > 0) {
                findings.add(new Finding(FindingType.COMMS_GAP,
                        "no status update for " + Durations.readable(silence) + " between "
                                + marks.get(i - 1) + " and " + marks.get(i),
                        null, null));
            }
        }
        return findings;
    }

    /** A provider's stated times set against our own evidence of the same moments. */
    private List<Finding> providerDiscrepancies(List<StoredEvent> events, List<EntryGroup> groups) {
        List<Finding> findings = new ArrayList<>();
        if (events.stream().noneMatch(e -> e.event().provider())) {
            return findings;
        }
        Optional<Instant> firstAlert = Moments.first(events, e -> e.kind() == EventKind.ALERT_FIRING)
                .map(e -> e.event().occurredAt());
        Map<String, String> storylineOfEvent = new HashMap<>(); // every event, collapsed repeats included: filled when needed
        Runnable fillStorylines = () -> groups
                .forEach(g -> g.events.forEach(x -> storylineOfEvent.put(x.id(), g.storyline)));
        for (StoredEvent notice : events) {
            Event e = notice.event();
            if (!e.provider()) {
                continue;
            }
            String provider = e.labels().getOrDefault("provider", e.source());
            String start = e.labels().get("stated.impactStart");
            if (start != null && firstAlert.isPresent()) {
                compare(findings, provider, "impact began", Instant.parse(start), "our first alert fired",
                        firstAlert.get());
            }
            String end = e.labels().get("stated.impactEnd");
            if (end != null) {
                if (storylineOfEvent.isEmpty()) {
                    fillStorylines.run();
                }
                String storyline = storylineOfEvent.get(notice.id());
                List<StoredEvent> thread = events.stream()
                        .filter(x -> storyline == null || storyline.equals(storylineOfEvent.get(x.id()))).toList();
                // our evidence of the end: the first recovery after the last alert of that storyline fired
                Optional<Instant> lastFiring = Moments.last(thread, x -> x.kind() == EventKind.ALERT_FIRING)
                        .map(x -> x.event().occurredAt());
                thread.stream()
                        .filter(x -> x.event().kind() == EventKind.ALERT_RESOLVED)
                        .filter(x -> lastFiring.isEmpty() || x.event().occurredAt().isAfter(lastFiring.get()))
                        .findFirst()
                        .ifPresent(r -> compare(findings, provider, "impact ended", Instant.parse(end),
                                "our alerts first showed recovery", r.event().occurredAt()));
            }
        }
        return findings;
    }

    private void compare(List<Finding> findings, String provider, String claim, Instant stated, String evidence,
            Instant ours) {
        Duration difference = Duration.between(ours, stated).abs();
        if (difference.compareTo(settings.providerDiscrepancy()) > 0) {
            findings.add(new Finding(FindingType.PROVIDER_DISCREPANCY,
                    provider + " states " + claim + " at " + stated + "; "
                            + evidence + " at " + ours + " (" + Durations.readable(difference)
                            + (stated.isAfter(ours) ? " earlier" : " later") + ")",
                    provider, null));
        }
    }

    /** The longest silence of each source that spoke before and after it inside the window. */
    private List<Finding> dataGaps(List<StoredEvent> events, IncidentSummary incident) {
        Map<String, List<Instant>> bySource = new TreeMap<>();
        events.stream().filter(e -> Candidates.inWindow(e, incident))
                .forEach(e -> bySource.computeIfAbsent(e.event().source(), s -> new ArrayList<>())
                        .add(e.event().occurredAt()));
        List<Finding> findings = new ArrayList<>();
        bySource.forEach((source, times) -> {
            if (!speaksOften(times)) {
                return; // a source that speaks a few times a day is not "silent" between its words
            }
            Duration longest = Duration.ZERO;
            Instant from = null;
            for (int i = 1; i < times.size(); i++) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                if (gap.compareTo(longest) > 0) {
                    longest = gap;
                    from = times.get(i - 1);
                }
            }
            if (from != null && longest.compareTo(settings.dataGap()) > 0) {
                findings.add(new Finding(FindingType.DATA_GAP,
                        source + " was silent for " + Durations.readable(longest) + " from " + from
                                + " to " + from.plus(longest),
                        source, null));
            }
        });
        return findings;
    }

    /** At least ten records, and half of its gaps shorter than a third of the data-gap threshold. */
    private boolean speaksOften(List<Instant> times) {
        if (times.size() < 10) {
            return false;
        }
        long[] gapNanos = new long[times.size() - 1]; // primitives: a busy source has tens of thousands of gaps
        for (int i = 1; i < times.size(); i++) {
            Instant a = times.get(i - 1);
            Instant b = times.get(i);
            gapNanos[i - 1] = (b.getEpochSecond() - a.getEpochSecond()) * 1_000_000_000L + (b.getNano() - a.getNano());
        }
        Arrays.sort(gapNanos);
        return gapNanos[gapNanos.length / 2] <= settings.dataGap().dividedBy(3).toNanos();
    }
}
