package dev.hindsight.search.internal.store;

import dev.hindsight.search.internal.cluster.SharedDatabase;
import static dev.hindsight.search.internal.store.EventRows.chunks;
import static dev.hindsight.search.internal.store.EventRows.placeholders;
import static dev.hindsight.search.internal.store.EventRows.utc;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.StoreUnavailableException;
import dev.hindsight.core.text.Texts;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.fault.FaultPoints;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.internal.visibility.Visibility;
import dev.hindsight.search.internal.index.LuceneIndex;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable write path: one database transaction per batch (events, attachments, dead letters, checkpoint), then the
 * new rows go to the index. Writers are serialized so that sequence order is commit order, which is what lets the
 * index catch up by sequence without ever skipping a row: within a node by a lock, across nodes sharing PostgreSQL by
 * an advisory lock held until commit ({@link SharedDatabase#lockSequence}).
 */
public class JdbcEventStore implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(JdbcEventStore.class);

    /** The event row as stored; public for the bench's raw JDBC baseline, which inserts the same rows. */
    public static final String INSERT = "insert into event (id, seq, source, dedup_key, kind, occurred_at, "
            + "original_time, original_zone, zone_assumed, ingested_at, title, body, actor, service, host, location, "
            + "severity, labels, links, provider, raw_origin, raw_hash, raw_size, raw_truncated, parser_version, "
            + "raw_payload, id_key) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventRows rows;
    private final LuceneIndex index;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final DiskWatermark disk;
    private final Visibility visibility;
    private final DeadLetterRows deadLetters;
    private final CheckpointRows checkpoints;
    private final SharedDatabase database;
    /** Highest sequence committed; -1 until read from the database under the lock. */
    private long sequence = -1;
    /**
     * PostgreSQL plans the duplicate check from its table statistics, which lag far behind a bulk load (autovacuum
     * analyses about once a minute): with a table it believes empty it scans every row for every batch. Whether the
     * database is PostgreSQL (null until asked), and the events inserted since the statistics were last refreshed.
     */
    private @Nullable Boolean refreshesStatistics;
    private long rowsAtLastAnalyze;
    private long insertedSinceAnalyze;

    public JdbcEventStore(JdbcTemplate jdbc, TransactionTemplate tx, EventRows rows, LuceneIndex index, Clock clock,
            DiskWatermark disk, Visibility visibility, DeadLetterRows deadLetters, CheckpointRows checkpoints,
            SharedDatabase database) {
        this.jdbc = jdbc;
        this.database = database;
        this.visibility = visibility;
        this.deadLetters = deadLetters;
        this.checkpoints = checkpoints;
        this.disk = disk;
        this.tx = tx;
        this.rows = rows;
        this.index = index;
        this.clock = clock;
    }

    /**
     * Stores the batch and returns once it is committed. Writers that arrive while another commits wait together:
     * whoever takes the lock next writes every waiting batch in one transaction (a group commit, one disk write for
     * all), each batch within its own savepoint so that one refused batch fails alone. Sequence order stays commit
     * order, and nobody is answered before the commit that holds their batch.
     */
    @Override
    public AppendResult append(EventBatch batch) {
        disk.check();
        Pending mine = new Pending(batch);
        waiting.add(mine);
        while (!mine.done) {
            // lead a group if nobody does; else wait to be told that the leader's commit holds this batch (waking
            // every waiter through the lock one by one was slower than the commits themselves)
            if (writeLock.tryLock()) {
                try {
                    while (!mine.done) {
                        commitGroup();
                    }
                } finally {
                    writeLock.unlock();
                }
                // whoever waits next leads now rather than when its wait runs out
                Pending next = waiting.peek();
                if (next != null) {
                    next.wake();
                }
            } else {
                mine.awaitBriefly();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return Objects.requireNonNull(mine.result);
    }

    /** Batches per group commit: enough for every sender a server answers at once. */
    static final int MAX_GROUP = 64;

    /** A batch waiting for the commit that stores it; the leader sets its outcome, then {@link #finish}es it. */
    private static final class Pending {
        final EventBatch batch;
        final Thread writer = Thread.currentThread();
        @Nullable
        AppendResult result;
        @Nullable
        RuntimeException failure;
        volatile boolean done;

        Pending(EventBatch batch) {
            this.batch = batch;
        }

        void finish() {
            done = true;
            wake();
        }

        void wake() {
            java.util.concurrent.locks.LockSupport.unpark(writer);
        }

        /** Until finished or woken, or a moment: then the caller tries to lead the next group itself. */
        void awaitBriefly() {
            if (!done) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, 2_000_000);
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while waiting for the commit");
            }
        }
    }

    /**
     * Under load, how long a leader lets more batches join its group before committing: each commit writes a chunk
     * to H2's file whatever it holds (tens of kilobytes, and the time to write them), so fewer, fuller commits save
     * both. It applies only while groups of several writers follow each other closely, so a lone writer is never
     * delayed (PostgreSQL's commit_delay and commit_siblings, for the same reason).
     */
    static final long GATHER_NANOS = 1_000_000;

    /** When the last group commit ended (System.nanoTime), and how many batches it held; under the write lock. */
    private long lastCommitEnded;
    private int lastGroupSize;

    private final java.util.concurrent.ConcurrentLinkedQueue<Pending> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Under the write lock: commits the waiting batches, oldest first, in one transaction. */
    private void commitGroup() {
        long now = System.nanoTime();
        if (lastGroupSize > 1 && now - lastCommitEnded < 2 * GATHER_NANOS) { // busy: let those close behind join
            for (long until = now + GATHER_NANOS; System.nanoTime() < until && waitingFewerThan(MAX_GROUP);) {
                java.util.concurrent.locks.LockSupport.parkNanos(GATHER_NANOS / 10);
            }
        }
        lastGroupSize = commitWaiting();
        lastCommitEnded = System.nanoTime();
    }

    private boolean waitingFewerThan(int n) {
        int count = 0;
        for (java.util.Iterator<Pending> i = waiting.iterator(); i.hasNext() && count < n; i.next()) {
            count++;
        }
        return count < n;
    }

    /** Commits the waiting batches, at most {@link #MAX_GROUP}; how many. */
    private int commitWaiting() {
        List<Pending> group = new ArrayList<>();
        for (Pending p = waiting.poll(); p != null; p = group.size() < MAX_GROUP ? waiting.poll() : null) {
            group.add(p);
        }
        if (group.isEmpty()) {
            return 0;
        }
        try {
            commit(group);
        } catch (RuntimeException e) { // whatever went wrong, every batch of the group gets an answer
            for (Pending p : group) {
                if (!p.done) {
                    p.failure = p.failure == null ? translate(e) : p.failure;
                    p.finish();
                }
            }
        }
        return group.size();
    }

    /**
     * Writes the group's batches in one transaction, then indexes them and answers each batch's writer. The batches go
     * in together first; only when that transaction fails do they go again, each within its own savepoint, so that the
     * refused one fails alone. A refusal is rare, and a savepoint and its release are a round trip each on
     * PostgreSQL, which made every batch of a group cost about six round trips under the write lock.
     */
    private void commit(List<Pending> group) {
        long before = currentSequence();
        Instant now = clock.instant();
        List<@Nullable Written> written = new ArrayList<>();
        long[] lastSequence = new long[group.size()];
        try {
            writeGroup(group, now, written, lastSequence, false);
        } catch (RuntimeException e) {
            sequence = before; // nothing was committed
            RuntimeException failure = translate(e);
            boolean again = group.size() > 1 && !(failure instanceof StoreUnavailableException);
            if (again) {
                try {
                    writeGroup(group, now, written, lastSequence, true);
                } catch (RuntimeException e2) {
                    sequence = before;
                    failure = translate(e2);
                    again = false;
                }
            }
            if (!again) {
                for (Pending p : group) {
                    p.failure = p.failure == null ? failure : p.failure;
                    p.finish();
                }
                return;
            }
        }
        FaultPoints.reach(FaultPoints.STORE_AFTER_COMMIT);
        for (int i = 0; i < group.size(); i++) {
            Pending p = group.get(i);
            Written w = written.get(i);
            if (w != null) {
                keepStatisticsCurrent(w.accepted);
                index.submit(w.toIndex(rows)); // in commit order, indexed on the indexer thread
                p.result = new AppendResult(w.accepted + w.concealed, w.duplicates - w.concealed, lastSequence[i]);
            }
            p.finish();
        }
    }

    /** One transaction for the group; with {@code isolated}, each batch within a savepoint of its own. */
    private void writeGroup(List<Pending> group, Instant now, List<@Nullable Written> written, long[] lastSequence,
            boolean isolated) {
        tx.executeWithoutResult(status -> {
            written.clear();
            numberAfterOtherNodes(); // once: the cluster's lock is then held until this transaction ends
            if (!isolated) {
                writeTogether(group, now, written, lastSequence);
                return;
            }
            for (int i = 0; i < group.size(); i++) {
                Pending p = group.get(i);
                // a JDBC savepoint on the transaction's connection: the write path uses JDBC only
                Savepoint savepoint = jdbc.execute((ConnectionCallback<Savepoint>) c -> c.setSavepoint());
                long start = sequence;
                try {
                    written.add(write(p.batch, now));
                    jdbc.execute((ConnectionCallback<Void>) c -> {
                        c.releaseSavepoint(savepoint);
                        return null;
                    });
                } catch (RuntimeException e) {
                    jdbc.execute((ConnectionCallback<Void>) c -> {
                        c.rollback(savepoint);
                        return null;
                    });
                    sequence = start;
                    p.failure = translate(e);
                    written.add(null);
                }
                lastSequence[i] = sequence;
            }
        });
    }

    /**
     * The group's batches with as few statements as the work allows: batches into an incident one by one, as
     * {@link #write} does (they attach and re-read what they find); all the others with one lookup of the ids already
     * stored and one batch of inserts for them all. An event two batches of the group both carry is stored once and is
     * a duplicate for the later one, as if the batches had been written one after the other (those into an incident
     * first).
     */
    private void writeTogether(List<Pending> group, Instant now, List<@Nullable Written> written,
            long[] lastSequence) {
        Written[] out = new Written[group.size()];
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < group.size(); i++) {
            EventBatch batch = group.get(i).batch;
            if (batch.incidentKey() != null) {
                out[i] = write(batch, now);
                lastSequence[i] = sequence;
            } else {
                batch.events().forEach(e -> ids.add(e.id()));
            }
        }
        Set<String> stored = existingIds(ids);
        Set<String> taken = new HashSet<>(); // given a row by an earlier batch of this group
        List<StoredEvent> toInsert = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            EventBatch batch = group.get(i).batch;
            if (batch.incidentKey() == null) {
                Sorted sorted = sort(batch, stored, taken, now);
                toInsert.addAll(sorted.inserted());
                out[i] = finish(batch, sorted, List.of(), now);
                lastSequence[i] = sequence;
            }
        }
        insert(toInsert);
        written.addAll(Arrays.asList(out));
    }

    /**
     * Attaches existing events to an incident (durably) and re-indexes them so that visibility rules apply at once.
     *
     * @return how many events were newly attached
     */
    public int attach(String incidentKey, Collection<String> eventIds) {
        writeLock.lock();
        try {
            long before = currentSequence();
            List<String> attached;
            try {
                attached = tx.execute(status -> {
                    numberAfterOtherNodes();
                    return attachExisting(incidentKey, eventIds, clock.instant());
                });
            } catch (RuntimeException e) {
                sequence = before;
                throw translate(e);
            }
            index.submit(rows.byIds(attached)); // behind the batches before it, then at once: visibility rules apply now
            index.awaitIndexed();
            return attached.size();
        } finally {
            writeLock.unlock();
        }
    }

    /** Refreshes PostgreSQL's statistics each time the table has doubled (at least every 10,000 rows): linear in all. */
    private void keepStatisticsCurrent(int inserted) {
        if (refreshesStatistics == null) {
            refreshesStatistics = jdbc.execute(
                    (ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName().equals("PostgreSQL"));
        }
        insertedSinceAnalyze += inserted;
        if (Boolean.TRUE.equals(refreshesStatistics) && insertedSinceAnalyze >= Math.max(10_000, rowsAtLastAnalyze)) {
            try {
                jdbc.execute("analyze event");
                rowsAtLastAnalyze += insertedSinceAnalyze;
                insertedSinceAnalyze = 0;
            } catch (DataAccessException e) { // the batch is committed; a stale plan is only slower
                log.warn("Refreshing the event table's statistics failed: {}", e.toString());
            }
        }
    }

    /** The highest committed sequence. */
    public long lastSequence() {
        writeLock.lock();
        try {
            return currentSequence();
        } finally {
            writeLock.unlock();
        }
    }

    private long currentSequence() {
        if (sequence < 0) {
            Long max = jdbc.queryForObject("select coalesce(max(seq), 0) from event", Long.class);
            sequence = max == null ? 0 : max;
        }
        return sequence;
    }

    /**
     * What one transaction wrote, and what the index needs afterwards.
     *
     * @param concealed duplicates attached to incidents the writer may not see, reported to them as accepted
     */
    private record Written(int accepted, int duplicates, int concealed, List<StoredEvent> inserted,
            List<String> reattached) {
        List<StoredEvent> toIndex(EventRows rows) {
            if (reattached.isEmpty()) {
                return inserted;
            }
            List<StoredEvent> all = new ArrayList<>(inserted);
            all.addAll(rows.byIds(reattached));
            return all;
        }
    }

    /** On a database other nodes write to: waits for the cluster's turn and continues its numbering. */
    private void numberAfterOtherNodes() {
        if (database.shared()) {
            sequence = database.lockSequence();
        }
    }

    private Written write(EventBatch batch, Instant now) {
        if (batch.incidentKey() != null && !visibility.maySeeIncident(batch.incidentKey(), batch.writer())) {
            throw new NotFoundException("no incident " + batch.incidentKey());
        }
        Set<String> ids = new LinkedHashSet<>();
        batch.events().forEach(e -> ids.add(e.id()));
        Sorted sorted = sort(batch, existingIds(ids), new HashSet<>(), now);
        insert(sorted.inserted());
        List<String> reattached = List.of();
        if (batch.incidentKey() != null) {
            insertAttachments(batch.incidentKey(), sorted.inserted().stream().map(StoredEvent::id).toList(), now);
            reattached = attachExisting(batch.incidentKey(), sorted.existing(), now);
        }
        return finish(batch, sorted, reattached, now);
    }

    /** A batch's events against what is stored: the new ones numbered, the stored ones and the repeats counted. */
    private record Sorted(List<StoredEvent> inserted, Set<String> existing, int duplicates) {}

    /**
     * Numbers the batch's events that are neither {@code stored} nor {@code taken} (and adds them to {@code taken}); the
     * first of repeated events is the one kept.
     */
    private Sorted sort(EventBatch batch, Set<String> stored, Set<String> taken, Instant now) {
        Set<String> incidents = batch.incidentKey() == null ? Set.of() : Set.of(batch.incidentKey());
        Set<String> existing = new HashSet<>();
        int duplicates = 0;
        List<StoredEvent> inserted = new ArrayList<>();
        for (Event event : batch.events()) {
            String id = event.id();
            if (stored.contains(id)) {
                existing.add(id);
                duplicates++;
            } else if (!taken.add(id)) {
                duplicates++;
            } else {
                inserted.add(new StoredEvent(id, ++sequence, now, event, incidents));
            }
        }
        return new Sorted(inserted, existing, duplicates);
    }

    /** What every batch writes besides its events: its dead letters and its checkpoint. */
    private Written finish(EventBatch batch, Sorted sorted, List<String> reattached, Instant now) {
        deadLetters.insert(batch.deadLetters(), now);
        if (batch.checkpoint() != null) {
            checkpoints.save(batch.checkpoint(), now);
        }
        FaultPoints.reach(FaultPoints.STORE_BEFORE_COMMIT);
        return new Written(sorted.inserted().size(), sorted.duplicates(),
                concealed(sorted.existing(), batch.writer()), sorted.inserted(), reattached);
    }

    /** Stored events attached to an incident the writer may not see: never confirmed to them as duplicates. */
    private int concealed(Set<String> existing, Viewer writer) {
        if (existing.isEmpty() || writer.admin()) {
            return 0;
        }
        Set<String> hidden = visibility.hiddenFrom(writer);
        if (hidden.isEmpty()) {
            return 0;
        }
        return (int) rows.incidentsOf(existing).values().stream().filter(i -> !Collections.disjoint(i, hidden))
                .count();
    }

    private Set<String> existingIds(Collection<String> ids) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            jdbc.query("select id from event where " + EventKeys.in(chunk.size()), rs -> {
                found.add(rs.getString(1));
            }, EventKeys.args(chunk));
        }
        return found;
    }

    private void insert(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, events, 1000, (ps, stored) -> bind(ps, stored));
    }

    /** Binds one event to {@link #INSERT}. */
    public static void bind(PreparedStatement ps, StoredEvent stored) throws SQLException {
        Event e = stored.event();
        int i = 0;
        ps.setString(++i, stored.id());
        ps.setLong(++i, stored.sequence());
        ps.setString(++i, e.source());
        ps.setString(++i, e.dedupKey());
        ps.setString(++i, e.kind().name());
        ps.setObject(++i, utc(e.occurredAt()));
        ps.setString(++i, Texts.clipNullable(e.originalTime(), 200));
        ps.setString(++i, Texts.clipNullable(e.originalZone(), 64));
        ps.setBoolean(++i, e.zoneAssumed());
        ps.setObject(++i, utc(stored.ingestedAt()));
        ps.setString(++i, e.title());
        ps.setString(++i, e.text());
        ps.setString(++i, Texts.clipNullable(e.actor(), 512));
        ps.setString(++i, Texts.clipNullable(e.service(), 512));
        ps.setString(++i, Texts.clipNullable(e.host(), 512));
        ps.setString(++i, Texts.clipNullable(e.location(), 512));
        ps.setString(++i, Texts.clipNullable(e.severity(), 64));
        ps.setString(++i, e.labels().isEmpty() ? null : EventRows.json(e.labels()));
        ps.setString(++i, e.links().isEmpty() ? null : EventRows.json(e.links()));
        ps.setBoolean(++i, e.provider());
        RawRecord raw = e.raw();
        if (raw == null) {
            ps.setNull(++i, Types.VARCHAR);
            ps.setNull(++i, Types.VARCHAR);
            ps.setNull(++i, Types.INTEGER);
            ps.setNull(++i, Types.BOOLEAN);
            ps.setNull(++i, Types.VARCHAR);
            ps.setNull(++i, Types.VARBINARY);
        } else {
            ps.setString(++i, Texts.clipNullable(raw.origin(), 2048));
            ps.setString(++i, EventId.contentHash(raw.bytes()));
            ps.setInt(++i, raw.bytes().length);
            ps.setBoolean(++i, raw.bytes().length > RawPayloads.MAX_KEPT);
            ps.setString(++i, Texts.clipNullable(raw.parserVersion(), 64));
            ps.setBytes(++i, RawPayloads.compress(raw.bytes()));
        }
        ps.setLong(++i, EventKeys.of(stored.id()));
    }

    private void insertAttachments(String incidentKey, List<String> ids, Instant now) {
        jdbc.batchUpdate(
                "insert into incident_event (incident_key, event_id, attached_at) values (?,?,?)",
                ids,
                1000,
                (ps, id) -> {
                    ps.setString(1, incidentKey);
                    ps.setString(2, id);
                    ps.setObject(3, utc(now));
                });
    }

    /** Attaches existing events not yet attached, bumping their sequence so the index re-reads them. */
    private List<String> attachExisting(String incidentKey, Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> known = existingIds(ids);
        Set<String> already = new HashSet<>();
        for (List<String> chunk : chunks(List.copyOf(known))) {
            List<Object> args = new ArrayList<>();
            args.add(incidentKey);
            args.addAll(chunk);
            jdbc.query(
                    "select event_id from incident_event where incident_key = ? and event_id in ("
                            + placeholders(chunk.size()) + ")",
                    rs -> {
                        already.add(rs.getString(1));
                    },
                    args.toArray());
        }
        List<String> fresh = known.stream().filter(id -> !already.contains(id)).sorted().toList();
        insertAttachments(incidentKey, fresh, now);
        jdbc.batchUpdate("update event set seq = ? where " + EventKeys.in(1), fresh, 1000, (ps, id) -> {
            ps.setLong(1, ++sequence);
            ps.setLong(2, EventKeys.of(id));
            ps.setString(3, id);
        });
        return fresh;
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof CannotGetJdbcConnectionException
                || e instanceof CannotCreateTransactionException
                || e instanceof DataAccessResourceFailureException
                || e instanceof TransientDataAccessException) {
            // the driver's message (host, port, SQL state) goes to the log, not to senders
            log.warn("The database refused a write: {}", e.toString());
            return new StoreUnavailableException("the database cannot accept writes now", e);
        }
        if (e instanceof DataAccessException) {
            return new IllegalStateException("storing the batch failed: " + e.getMessage(), e);
        }
        return e;
    }

}
