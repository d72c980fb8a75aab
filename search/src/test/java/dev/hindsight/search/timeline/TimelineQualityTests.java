package dev.hindsight.search.timeline;

import dev.hindsight.core.timeline.Timeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.samples.SyntheticIncidents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import dev.hindsight.core.testing.TestSeeds;
import org.junit.jupiter.api.Test;

/**
 * Quality on planted incidents with known truth, inside realistic background noise: pairwise storyline F1 (noise
 * must stay out, each truth storyline must stay together and apart from the others), moment errors and the estimated
 * clock skew. Synthetic data: the figures say how the engine does on what the generator models, no more.
 */
class TimelineQualityTests {

    private final TimelineAssembler engine = new TimelineAssembler(TimelineSettings.defaults());

    @Test
    void plantedIncidentsAreReconstructedWithinTheTargets() {
        long seed = TestSeeds.seed("TimelineQualityTests");
        SyntheticIncidents.Generated generated = SyntheticIncidents
                .generate(SyntheticIncidents.Config.of(seed, 30_000, 6));
        long tp = 0;
        long predictedPairs = 0;
        long truthPairs = 0;
        long worstMomentError = 0;
        long worstSkewError = 0;
        for (SyntheticIncidents.Planted p : generated.incidents()) {
            Set<String> attachedIds = new HashSet<>(p.attachedIds());
            List<StoredEvent> attached = new ArrayList<>();
            List<StoredEvent> window = new ArrayList<>();
            long seq = 0;
            for (Event e : generated.events()) {
                if (e.occurredAt().isBefore(p.from().minus(Duration.ofMinutes(30)))
                        || e.occurredAt().isAfter(p.to().plus(Duration.ofMinutes(30)))) {
                    continue;
                }
                boolean isAttached = attachedIds.contains(e.id());
                StoredEvent stored = new StoredEvent(e.id(), ++seq, e.occurredAt(), e,
                        isAttached ? Set.of(p.key()) : Set.of());
                (isAttached ? attached : window).add(stored);
            }
            IncidentSummary incident = new IncidentSummary(p.key(), p.key(), Severity.SEV2, IncidentStatus.RESOLVED,
                    p.from(), p.to(),
                    null, null, false, Set.of());
            Timeline t = engine.assemble(incident, attached, window, Set.of(), Set.of());

            Map<String, String> predicted = new HashMap<>();
            t.entries().forEach(e -> predicted.put(e.id(), e.storyline()));
            if (System.getProperty("quality.debug") != null) {
                Map<String, Map<String, Integer>> contingency = new java.util.TreeMap<>();
                p.storylineOf()
                        .forEach((id, truth) -> contingency.computeIfAbsent(truth, k -> new java.util.TreeMap<>())
                                .merge(predicted.getOrDefault(id, "excluded"), 1, Integer::sum));
                System.out.println(p.key() + " " + contingency + " "
                        + t.storylines().stream().map(s -> s.id() + "=" + s.title()).toList());
            }
            Set<String> universe = new HashSet<>(p.storylineOf().keySet());
            universe.addAll(predicted.keySet());
            List<String> ids = universe.stream().sorted().toList();
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    String a = ids.get(i);
                    String b = ids.get(j);
                    String ta = truthOf(p, a);
                    String tb = truthOf(p, b);
                    boolean sameTruth = ta != null && ta.equals(tb);
                    boolean samePredicted = predicted.containsKey(a) && predicted.get(a).equals(predicted.get(b));
                    tp += sameTruth && samePredicted ? 1 : 0;
                    truthPairs += sameTruth ? 1 : 0;
                    predictedPairs += samePredicted ? 1 : 0;
                }
            }
            Map<String, Instant> moments = new HashMap<>();
            t.moments().forEach(m -> moments.put(m.kind().name(), m.at()));
            for (Map.Entry<String, Instant> truth : p.moments().entrySet()) {
                assertThat(moments).as("%s %s (seed %d)", p.key(), truth.getKey(), seed).containsKey(truth.getKey());
                worstMomentError = Math.max(worstMomentError,
                        Duration.between(truth.getValue(), moments.get(truth.getKey())).abs().toSeconds());
            }
            Timeline.Finding skew = t.findings().stream().filter(f -> f.type() == Timeline.FindingType.CLOCK_SKEW)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(p.key() + ": no clock skew found (seed " + seed + ")"));
            assertThat(skew.source()).isEqualTo(p.skewedSource());
            worstSkewError = Math.max(worstSkewError, Math.abs(skew.offsetSeconds() - p.skewSeconds()));
        }
        double precision = (double) tp / predictedPairs;
        assertThat(predictedPairs).isPositive();
        double recall = (double) tp / truthPairs;
        double f1 = 2 * precision * recall / (precision + recall);
        System.out.printf(Locale.ROOT,
                "TimelineQuality seed=%d incidents=%d pairwise precision=%.3f recall=%.3f F1=%.3f worst moment error=%ds worst skew error=%ds%n",
                seed, generated.incidents().size(), precision, recall, f1, worstMomentError, worstSkewError);
        assertThat(f1).as("pairwise F1 (seed %d)", seed).isGreaterThanOrEqualTo(0.90);
        assertThat(worstMomentError).as("moment error in seconds (seed %d)", seed).isLessThanOrEqualTo(90);
        assertThat(worstSkewError).as("skew error in seconds (seed %d)", seed).isLessThanOrEqualTo(30);
    }

    /** A planted confuser ("noise") belongs to no storyline: it is a group of its own. */
    private static String truthOf(SyntheticIncidents.Planted p, String id) {
        String truth = p.storylineOf().get(id);
        return truth == null || truth.equals("noise") ? null : truth;
    }
}
