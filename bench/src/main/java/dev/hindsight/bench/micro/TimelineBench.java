package dev.hindsight.bench.micro;

import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.search.timeline.TimelineAssembler;
import dev.hindsight.search.timeline.TimelineSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The timeline engine's pure part (candidates, collapsing, storylines, clock skew, moments, findings) over an open
 * incident window of {@code events} events, three days of the seeded corpus: no database, no index.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class TimelineBench {

    @Param("100000")
    int events;

    private List<StoredEvent> window;
    private IncidentSummary incident;
    private TimelineAssembler engine;

    @Setup(Level.Trial)
    public void generate() {
        window = BenchCorpus.stored(events, Duration.ofDays(3));
        incident = new IncidentSummary("BENCH-1", "bench window", Severity.SEV3, IncidentStatus.INVESTIGATING,
                window.getFirst().event().occurredAt(),
                window.getLast().event().occurredAt(), null, null, false, Set.of());
        engine = new TimelineAssembler(TimelineSettings.defaults());
    }

    @Benchmark
    public Timeline assemble() {
        return engine.assemble(incident, List.of(), window, Set.of(), Set.of());
    }
}
