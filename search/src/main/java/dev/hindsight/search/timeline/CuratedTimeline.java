package dev.hindsight.search.timeline;

import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.timeline.Timeline.Entry;
import dev.hindsight.core.timeline.Timeline.Moment;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import dev.hindsight.core.timeline.Timeline.Storyline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Lays a commander's curation over the engine's proposal: the engine proposes, people decide. */
final class CuratedTimeline {

    private CuratedTimeline() {}

    static Timeline apply(Timeline proposed, Map<String, EntryCuration> curation) {
        if (curation.isEmpty()) {
            return proposed;
        }
        List<Entry> visible = new ArrayList<>();
        List<Entry> hidden = new ArrayList<>();
        Map<String, Entry> curatedById = new LinkedHashMap<>();
        for (Entry e : proposed.entries()) {
            EntryCuration c = curation.get(e.id());
            Entry curated = c == null ? e : curate(e, c);
            curatedById.put(curated.id(), curated);
            (c != null && c.hidden() ? hidden : visible).add(curated);
        }
        visible.sort(Comparator.comparing(Entry::at).thenComparing(Entry::id));

        Map<MomentKind, Moment> moments = new EnumMap<>(MomentKind.class);
        proposed.moments().forEach(m -> moments.put(m.kind(), m));
        curation.values().stream().filter(c -> c.moment() != null && curatedById.containsKey(c.entryId()))
                .forEach(c -> moments.put(c.moment(),
                        new Moment(c.moment(), curatedById.get(c.entryId()).at(), c.entryId(), c.updatedBy())));

        return new Timeline(proposed.incident(), List.copyOf(moments.values()), Moments.metrics(moments),
                visible,
                storylines(proposed.storylines(), visible, curation), proposed.findings(), hidden,
                impact(proposed.impact(), moments));
    }

    /** A commander's mark of the impact start decides it; otherwise the estimate stands, against the final DETECTED. */
    private static Timeline.@Nullable Impact impact(Timeline.@Nullable Impact proposed,
            Map<MomentKind, Moment> moments) {
        Moment start = moments.get(MomentKind.IMPACT_START);
        if (start != null && start.markedBy() != null) {
            return ImpactStart.withDetection(new Timeline.Impact(start.at(), start.eventId(),
                    Timeline.ImpactBasis.MARKED, "marked by " + start.markedBy(), null),
                    moments.get(MomentKind.DETECTED));
        }
        return proposed == null ? null : ImpactStart.withDetection(proposed, moments.get(MomentKind.DETECTED));
    }

    private static Entry curate(Entry e, EntryCuration c) {
        Instant at = c.retimedAt() == null ? e.at() : c.retimedAt();
        return new Entry(e.id(), at, e.source(), e.kind(), e.title(),
                c.storyline() == null ? e.storyline() : c.storyline(),
                e.count(), e.until(), e.reason(), e.actor(), e.provider(), e.correctedAt(), c.pinned(), c.note(),
                c.retimedAt() == null ? null : e.at(), e.service(), e.host());
    }

    /** Storylines re-measured over the visible entries; a storyline named by a move and not yet known is created. */
    private static List<Storyline> storylines(List<Storyline> proposed, List<Entry> visible,
            Map<String, EntryCuration> curation) {
        Map<String, Storyline> known = new LinkedHashMap<>();
        proposed.forEach(s -> known.put(s.id(), s));
        Map<String, List<Entry>> members = new LinkedHashMap<>();
        visible.forEach(e -> members.computeIfAbsent(e.storyline(), k -> new ArrayList<>()).add(e));
        List<Storyline> result = new ArrayList<>();
        members.forEach((id, entries) -> {
            Storyline s = known.get(id);
            String by = curation.values().stream().filter(c -> id.equals(c.storyline())).map(EntryCuration::updatedBy)
                    .findFirst().orElse("a commander");
            result.add(new Storyline(id, s == null ? id : s.title(), entries.getFirst().at(),
                    entries.stream().map(e -> e.until() != null && e.until().isAfter(e.at()) ? e.until() : e.at())
                            .max(Comparator.naturalOrder()).orElseThrow(),
                    entries.size(), s == null ? "created by " + by : s.reason()));
        });
        result.sort(Comparator.comparing(Storyline::from).thenComparing(Storyline::id));
        return result;
    }
}
