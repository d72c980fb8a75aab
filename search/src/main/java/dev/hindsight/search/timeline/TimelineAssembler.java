package dev.hindsight.search.timeline;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.timeline.Timeline.Entry;
import dev.hindsight.core.timeline.Timeline.Moment;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import dev.hindsight.core.timeline.Timeline.Storyline;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Builds a timeline from events, in steps that each leave their reason on what they decided: {@link Candidates},
 * {@link Collapse}, {@link Storylines}, {@link Moments}, {@link ImpactStart} and {@link Findings}. Pure: no database, no index; the same
 * events in any order give the same timeline.
 */
public final class TimelineAssembler {

    /** People's words: they join a storyline, they never make one. */
    static final Set<EventKind> HUMAN = Collections
            .unmodifiableSet(EnumSet.of(EventKind.CHAT_MESSAGE, EventKind.PAGE_NOTE, EventKind.NOTE));

    private final TimelineSettings settings;
    private final Findings findings;

    public TimelineAssembler(TimelineSettings settings) {
        this.settings = settings;
        this.findings = new Findings(settings);
    }

    /**
     * The proposed timeline (curation is laid over it afterwards).
     *
     * @param attachedEvents the events attached to the incident
     * @param windowEvents the events of its window with lead and lag
     * @param scope ids of the window events that match the incident's scope query
     * @param hidden incidents the viewer may not see: events attached to any of them are left out
     */
    public Timeline assemble(IncidentSummary incident, Collection<StoredEvent> attachedEvents,
            Collection<StoredEvent> windowEvents, Set<String> scope, Set<String> hidden) {
        Set<String> attachedIds = attachedEvents.stream().map(StoredEvent::id).collect(Collectors.toSet());
        // an attached event in the window counts once, as attached; no map of the whole window is built (its table
        // would be one of the large short-lived objects that make the collector work hardest)
        List<StoredEvent> all = new ArrayList<>(windowEvents.size() + attachedEvents.size());
        windowEvents.stream().filter(e -> !attachedIds.contains(e.id())).forEach(all::add);
        all.addAll(attachedEvents);
        all.removeIf(e -> !Collections.disjoint(e.incidents(), hidden));
        ExtractedEvents events = ExtractedEvents.of(all);

        String[] reasons = Candidates.reasons(incident, events, attachedIds, scope);
        List<StoredEvent> candidates = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (reasons[i] != null) {
                candidates.add(events.at(i));
            }
        }
        List<EntryGroup> groups = Collapse.groups(events, reasons, settings.collapseWithin());
        // clock skew reads only the candidates: it runs on another core while the storylines are built
        CompletableFuture<List<ClockSkew.Skew>> skewsLater = CompletableFuture
                .supplyAsync(() -> ClockSkew.estimate(candidates, settings.clockSkew()));
        List<Storyline> storylines = Storylines.build(groups);
        List<ClockSkew.Skew> skews = skewsLater.join();
        Map<MomentKind, Moment> moments = Moments.of(candidates);

        return new Timeline(new Timeline.Incident(incident.key(), incident.title(), incident.from(), incident.to()),
                List.copyOf(moments.values()), Moments.metrics(moments), entries(groups, skews), storylines,
                findings.of(incident, candidates, groups, storylines, moments, skews), List.of(),
                ImpactStart.of(groups, storylines, moments, settings.changeLead()));
    }

    private static List<Entry> entries(List<EntryGroup> groups, List<ClockSkew.Skew> skews) {
        Map<String, Long> skewOf = skews.stream()
                .collect(Collectors.toMap(ClockSkew.Skew::source, ClockSkew.Skew::offsetSeconds));
        List<Entry> entries = new ArrayList<>(groups.size());
        for (EntryGroup g : groups) {
            Event e = g.first.event();
            Long skew = skewOf.get(e.source());
            int count = g.events.size();
            entries.add(new Entry(g.first.id(), e.occurredAt(), e.source(), e.kind(), e.title(), g.storylineId(),
                    count, count > 1 ? g.last().event().occurredAt() : null,
                    g.reason + (count > 1 ? "; " + count + " repeats collapsed" : ""), e.actor(), e.provider(),
                    skew == null ? null : e.occurredAt().minusSeconds(skew), false, null, null, e.service(),
                    e.host()));
        }
        return entries;
    }
}
