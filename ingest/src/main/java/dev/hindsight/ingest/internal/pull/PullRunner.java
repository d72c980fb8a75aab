package dev.hindsight.ingest.internal.pull;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.Checkpoint;
import dev.hindsight.core.store.Checkpoints;
import dev.hindsight.core.store.ClusterJobs;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.ingest.pull.SourceStatus;
import dev.hindsight.ingest.spi.PullSource;
import dev.hindsight.ingest.spi.RetriableSourceException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pull sources on a schedule, one at a time. Each run resumes from the source's committed checkpoint, stores
 * every page with its new checkpoint in one transaction, and stops after {@link #MAX_PAGES_PER_RUN} pages so that no
 * source starves the others. Failures back off exponentially (honouring a source's Retry-After) up to
 * {@link #MAX_BACKOFF}, and show in the source's status.
 *
 * <p>When several nodes share the database, every node schedules every source but {@link ClusterJobs} lets one node
 * take each interval's run, and never two runs of one source at once; the checkpoint, not the node, says where the
 * next run resumes.
 */
public final class PullRunner implements AutoCloseable {

    static final int MAX_PAGES_PER_RUN = 50;
    static final Duration BASE_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    /** How long a node that died mid-run keeps a source from the others. */
    static final Duration MAX_RUN = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(PullRunner.class);

    private final Map<String, PullSource> sources = new LinkedHashMap<>();
    private final Map<String, State> states = new LinkedHashMap<>();
    private final EventSink sink;
    private final Checkpoints checkpoints;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pull-sources");
        t.setDaemon(true);
        return t;
    });

    public PullRunner(List<PullSource> sources, EventSink sink, Checkpoints checkpoints, Clock clock,
            ClusterJobs jobs) {
        for (PullSource source : sources) {
            if (this.sources.putIfAbsent(source.name(), source) != null) {
                throw new IllegalStateException("two pull sources are named " + source.name());
            }
            states.put(source.name(), new State(source.name(), kindOf(source)));
        }
        this.sink = sink;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.jobs = jobs;
    }

    private volatile boolean started;

    /** Starts the schedule: every source runs now, then at its interval (or its backoff). */
    public synchronized void start() {
        started = true;
        for (String name : sources.keySet()) {
            scheduler.schedule(() -> runAndReschedule(name), 0, TimeUnit.MILLISECONDS);
        }
    }

    /** Adds a source at runtime (configured through the API); it runs at once when the schedule is started. */
    public synchronized void add(PullSource source) {
        if (sources.putIfAbsent(source.name(), source) != null) {
            throw new ConflictException("a pull source is already named " + source.name());
        }
        states.put(source.name(), new State(source.name(), kindOf(source)));
        if (started) {
            scheduler.schedule(() -> runAndReschedule(source.name()), 0, TimeUnit.MILLISECONDS);
        }
    }

    /** Removes a source; its checkpoint stays, so adding it again resumes where it was. */
    public synchronized boolean remove(String name) {
        states.remove(name);
        return sources.remove(name) != null;
    }

    private void runAndReschedule(String name) {
        synchronized (this) {
            if (!sources.containsKey(name)) {
                return; // removed meanwhile
            }
        }
        PullSource source = sources.get(name);
        if (source == null) {
            return;
        }
        long delay;
        try {
            SourceStatus status = scheduledRun(name, source);
            delay = status.nextRunAt() == null
                    ? source.interval().toMillis()
                    : Math.max(0, Duration.between(clock.instant(), status.nextRunAt()).toMillis());
        } catch (RuntimeException e) { // the lock's database away, a manual run elsewhere: the schedule goes on
            log.warn("Pull source {}: this interval's run did not happen ({}); trying again in {}", name, e.toString(),
                    source.interval());
            delay = source.interval().toMillis();
        }
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> runAndReschedule(name), delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * This interval's run, unless another node took it: the interval's slot stays held for most of the interval, so
     * the other nodes' schedules skip it.
     */
    private SourceStatus scheduledRun(String name, PullSource source) {
        Duration slot = source.interval().multipliedBy(9).dividedBy(10);
        SourceStatus[] status = new SourceStatus[1];
        boolean ran = jobs.runExclusively(
                "pull-slot:" + name, slot, MAX_RUN.plus(slot), () -> status[0] = runOnce(name));
        if (ran) {
            return status[0];
        }
        synchronized (this) {
            State state = states.get(name);
            if (state == null) {
                return new SourceStatus(name, kindOf(source), null, null, null, 0, 0, 0, 0, null, null, null, true);
            }
            state.elsewhere = true;
            state.nextRunAt = clock.instant().plus(source.interval());
            return state.status(clock.instant());
        }
    }

    /**
     * One run of one source, now, on the calling thread.
     *
     * @throws ConflictException if another node is running it right now
     */
    public SourceStatus runOnce(String name) {
        SourceStatus[] status = new SourceStatus[1];
        if (!jobs.runExclusively("pull:" + name, Duration.ZERO, MAX_RUN, () -> status[0] = runHere(name))) {
            throw new ConflictException("pull source " + name + " is running on another node right now");
        }
        return status[0];
    }

    private synchronized SourceStatus runHere(String name) {
        PullSource source = sources.get(name);
        if (source == null) {
            throw new NotFoundException("no pull source " + name);
        }
        State state = states.get(name);
        state.elsewhere = false;
        state.lastRunAt = clock.instant();
        try {
            String cursor = checkpoints.position(name).orElse(null);
            for (int page = 0; page < MAX_PAGES_PER_RUN; page++) {
                PullSource.Page p = source.poll(cursor);
                AppendResult stored = sink
                        .append(new EventBatch(p.events(), p.rejected(), null, new Checkpoint(name, p.next()),
                                Viewer.SYSTEM));
                state.accepted += stored.accepted();
                state.duplicates += stored.duplicates();
                state.rejected += p.rejected().size();
                for (Event e : p.events()) {
                    if (state.newest == null || e.occurredAt().isAfter(state.newest)) {
                        state.newest = e.occurredAt();
                    }
                }
                cursor = p.next();
                state.cursor = cursor;
                if (!p.more()) {
                    break;
                }
            }
            state.failures = 0;
            state.lastError = null;
            state.lastSuccessAt = clock.instant();
            state.nextRunAt = clock.instant().plus(source.interval());
        } catch (RetriableSourceException e) {
            fail(state, e.getMessage(), e.retryAfter());
        } catch (IOException | RuntimeException e) {
            fail(state, e.getMessage() == null ? e.toString() : e.getMessage(), null);
        }
        return state.status(clock.instant());
    }

    private void fail(State state, String error, @Nullable Duration retryAfter) {
        state.failures++;
        state.lastError = error;
        Duration backoff = backoff(state.failures);
        Duration wait = retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
        state.nextRunAt = clock.instant().plus(wait);
        log.warn("Pull source {} failed ({} in a row), retrying in {}s: {}", state.name, state.failures,
                wait.toSeconds(), error);
    }

    /** 5 s, 10 s, 20 s ... capped at 15 min. */
    static Duration backoff(int failures) {
        long factor = 1L << Math.min(20, Math.max(0, failures - 1));
        Duration d = BASE_BACKOFF.multipliedBy(factor);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    public synchronized List<SourceStatus> statuses() {
        Instant now = clock.instant();
        return states.values().stream().map(s -> s.status(now)).toList();
    }

    private static String kindOf(PullSource source) {
        return source.name().contains(":")
                ? source.name().substring(0, source.name().indexOf(':'))
                : source.getClass().getSimpleName();
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }

    /** Mutable state of one source; guarded by the runner. */
    private static final class State {
        final String name;
        final String kind;
        @Nullable
        Instant lastRunAt;
        @Nullable
        Instant lastSuccessAt;
        @Nullable
        String lastError;
        int failures;
        long accepted;
        long duplicates;
        long rejected;
        @Nullable
        String cursor;
        @Nullable
        Instant nextRunAt;
        @Nullable
        Instant newest;
        /** The last scheduled run was taken by another node. */
        boolean elsewhere;

        State(String name, String kind) {
            this.name = name;
            this.kind = kind;
        }

        SourceStatus status(Instant now) {
            return new SourceStatus(name, kind, lastRunAt, lastSuccessAt, lastError, failures, accepted, duplicates,
                    rejected, cursor,
                    nextRunAt, newest == null ? null : Duration.between(newest, now).toSeconds(), elsewhere);
        }
    }
}
