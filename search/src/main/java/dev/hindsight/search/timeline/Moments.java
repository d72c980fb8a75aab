package dev.hindsight.search.timeline;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.timeline.Timeline.Moment;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Step 4: the key moments and the response metrics, exactly as the contract defines them. */
final class Moments {

    private Moments() {}

    /** The key moments among the candidates (in time order), as the contract defines them. */
    static Map<MomentKind, Moment> of(List<StoredEvent> events) {
        Map<MomentKind, Moment> moments = new EnumMap<>(MomentKind.class);
        Optional<StoredEvent> firstFiring = first(events, e -> e.kind() == EventKind.ALERT_FIRING);
        Optional<Moment> statedStart = events.stream()
                .filter(e -> e.event().provider() && e.event().labels().containsKey("stated.impactStart"))
                .map(e -> new Moment(MomentKind.IMPACT_START,
                        Instant.parse(e.event().labels().get("stated.impactStart")), e.id()))
                .min(Comparator.comparing(Moment::at).thenComparing(Moment::eventId));
        Optional<Moment> alertStart = firstFiring
                .map(e -> new Moment(MomentKind.IMPACT_START, e.event().occurredAt(), e.id()));
        Optional<Moment> impact = alertStart.isPresent() && statedStart.isPresent()
                ? Optional.of(
                        statedStart.get().at().isBefore(alertStart.get().at()) ? statedStart.get() : alertStart.get())
                : alertStart.or(() -> statedStart);
        impact.ifPresent(m -> moments.put(MomentKind.IMPACT_START, m));
        first(events, e -> e.kind() == EventKind.ALERT_FIRING || e.kind() == EventKind.PAGE_TRIGGERED)
                .ifPresent(e -> moments.put(MomentKind.DETECTED, moment(MomentKind.DETECTED, e)));
        first(events, e -> e.kind() == EventKind.PAGE_ACKNOWLEDGED)
                .ifPresent(e -> moments.put(MomentKind.ACKNOWLEDGED, moment(MomentKind.ACKNOWLEDGED, e)));
        first(events, e -> e.kind() == EventKind.STATUS_UPDATE && !e.provider())
                .ifPresent(e -> moments.put(MomentKind.FIRST_COMMS, moment(MomentKind.FIRST_COMMS, e)));
        first(events, Event::provider)
                .ifPresent(e -> moments.put(MomentKind.PROVIDER_NOTICE, moment(MomentKind.PROVIDER_NOTICE, e)));
        first(events,
                e -> e.kind() == EventKind.STATUS_UPDATE && !e.provider()
                        && "monitoring".equalsIgnoreCase(e.labels().get("status")))
                .ifPresent(e -> moments.put(MomentKind.MITIGATED, moment(MomentKind.MITIGATED, e)));
        last(events,
                e -> (e.kind() == EventKind.STATUS_UPDATE && !e.provider()
                        && "resolved".equalsIgnoreCase(e.labels().get("status")))
                        || e.kind() == EventKind.PAGE_RESOLVED || e.kind() == EventKind.ALERT_RESOLVED)
                .ifPresent(e -> moments.put(MomentKind.RESOLVED, moment(MomentKind.RESOLVED, e)));
        return moments;
    }

    private static Moment moment(MomentKind kind, StoredEvent e) {
        return new Moment(kind, e.event().occurredAt(), e.id());
    }

    static Optional<StoredEvent> first(List<StoredEvent> events, java.util.function.Predicate<Event> test) {
        return events.stream().filter(e -> test.test(e.event())).findFirst();
    }

    static Optional<StoredEvent> last(List<StoredEvent> events, java.util.function.Predicate<Event> test) {
        StoredEvent found = null;
        for (StoredEvent e : events) {
            if (test.test(e.event())) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    static Timeline.Metrics metrics(Map<MomentKind, Moment> m) {
        return new Timeline.Metrics(
                between(m.get(MomentKind.IMPACT_START), m.get(MomentKind.DETECTED)),
                between(m.get(MomentKind.DETECTED), m.get(MomentKind.ACKNOWLEDGED)),
                between(m.get(MomentKind.DETECTED), m.get(MomentKind.FIRST_COMMS)),
                between(m.get(MomentKind.IMPACT_START), m.get(MomentKind.MITIGATED)),
                between(m.get(MomentKind.IMPACT_START), m.get(MomentKind.RESOLVED)));
    }

    private static @Nullable Long between(@Nullable Moment from, @Nullable Moment to) {
        return from == null || to == null ? null : Duration.between(from.at(), to.at()).toSeconds();
    }
}
