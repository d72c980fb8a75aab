package dev.hindsight.search.timeline;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.text.Durations;
import dev.hindsight.core.text.Texts;
import dev.hindsight.core.timeline.Timeline.Impact;
import dev.hindsight.core.timeline.Timeline.ImpactBasis;
import dev.hindsight.core.timeline.Timeline.Moment;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import dev.hindsight.core.timeline.Timeline.Storyline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Step 5: when the impact began as the symptoms say. Alerts are rarely the first sign: a customer or a colleague often
 * reports the symptom first, and a change to the same systems shortly before the first alert is where it started. Each
 * candidate is read per storyline (the same systems), so a report or a deploy elsewhere never counts.
 */
final class ImpactStart {

    private ImpactStart() {}

    static @Nullable Impact of(List<EntryGroup> groups, List<Storyline> storylines, Map<MomentKind, Moment> moments,
            Duration changeLead) {
        List<Impact> candidates = new ArrayList<>();
        Moment contract = moments.get(MomentKind.IMPACT_START);
        Moment detected = moments.get(MomentKind.DETECTED);
        if (contract != null) {
            boolean stated = groups.stream().anyMatch(g -> g.first.id().equals(contract.eventId())
                    && g.first.event().provider() && !contract.at().equals(g.first.event().occurredAt()));
            candidates.add(new Impact(contract.at(), contract.eventId(),
                    stated ? ImpactBasis.PROVIDER_STATED : ImpactBasis.ALERT,
                    stated ? "the provider states impact began then" : "the first correlated alert began then",
                    null));
        }
        Map<String, List<EntryGroup>> membersOf = groups.stream()
                .collect(Collectors.groupingBy(EntryGroup::storylineId)); // each in time order
        for (Storyline s : storylines) {
            List<EntryGroup> members = membersOf.getOrDefault(s.id(), List.of());
            Optional<EntryGroup> alert = members.stream()
                    .filter(g -> g.kind() == EventKind.ALERT_FIRING || g.kind() == EventKind.PAGE_TRIGGERED)
                    .findFirst();
            if (alert.isEmpty()) {
                continue; // only a storyline that monitoring also saw is evidence of this incident's impact
            }
            Instant alerted = alert.get().first.event().occurredAt();
            members.stream()
                    .filter(g -> isReport(g) && !g.first.event().occurredAt().isAfter(alerted))
                    .findFirst()
                    .ifPresent(g -> {
                        Event e = g.first.event();
                        candidates.add(new Impact(e.occurredAt(), g.first.id(), ImpactBasis.HUMAN_REPORT,
                                (e.actor() == null ? "someone" : e.actor()) + " reported \""
                                        + Texts.clip(e.title(), 80) + "\" " + lead(e.occurredAt(), alerted)
                                        + " the first alert of \"" + s.title() + "\"",
                                null));
                    });
            members.stream()
                    .filter(g -> g.kind() == EventKind.CHANGE && !g.first.event().occurredAt().isAfter(alerted)
                            && Duration.between(g.first.event().occurredAt(), alerted).compareTo(changeLead) <= 0)
                    .reduce((a, b) -> b) // the change closest before the alert
                    .ifPresent(g -> {
                        Event e = g.first.event();
                        candidates.add(new Impact(e.occurredAt(), g.first.id(), ImpactBasis.CHANGE,
                                "the change \"" + Texts.clip(e.title(), 80) + "\" touched the same systems "
                                        + lead(e.occurredAt(), alerted) + " the first alert of \"" + s.title() + "\"",
                                null));
                    });
        }
        return candidates.stream()
                .min(Comparator.comparing(Impact::at).thenComparing(i -> i.basis().ordinal()))
                .map(i -> withDetection(i, detected))
                .orElse(null);
    }

    static Impact withDetection(Impact i, @Nullable Moment detected) {
        Long after = detected == null ? null : Duration.between(i.at(), detected.at()).toSeconds();
        return new Impact(i.at(), i.eventId(), i.basis(), i.reason(), after);
    }

    /** A person telling of a problem: a note, a page note, a chat message that sounds like one. */
    private static boolean isReport(EntryGroup g) {
        return g.kind() == EventKind.NOTE || g.kind() == EventKind.PAGE_NOTE
                || (g.kind() == EventKind.CHAT_MESSAGE && Words.soundsLikeAProblem(g.first.event()));
    }

    private static String lead(Instant earlier, Instant later) {
        Duration d = Duration.between(earlier, later);
        return d.isZero() ? "at the time of" : Durations.readable(d) + " before";
    }
}
