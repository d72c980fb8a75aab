package dev.hindsight.search.internal.index;

import dev.hindsight.core.event.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import dev.hindsight.core.fault.FaultPoints;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene side of the store. Every commit records in its user data the highest database sequence it contains; on
 * open the index catches up from the database from there, so an event committed to the database is never missing from
 * search for longer than a catch-up, whatever crashed in between.
 *
 * <p>Thread-safe. Documents are added by the store in sequence order right after its database commit; a background
 * thread refreshes readers (near-real-time) and commits periodically.
 *
 * <p>While nobody searches, the frequent refreshes pause and the index refreshes after each commit instead: every
 * refresh that finds new documents writes them out as a small segment, and merging those small segments took a seventh
 * of a bulk import's processor (its profile), the refreshes themselves another sixteenth. The first search after the
 * pause refreshes before it reads, so it never sees less than a paused refresh would have shown it.
 */
public final class LuceneIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LuceneIndex.class);
    private static final int CATCH_UP_PAGE = 5_000;
    /** Committed batches that may wait for the indexer; a writer that gets further ahead waits (memory stays bounded). */
    static final int MAX_PENDING_BATCHES = 8;

    private final Path path;
    private final Analyzer analyzer;
    private final EventHistory history;
    private final double ramBufferMb;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lucene-maintenance");
        t.setDaemon(true);
        return t;
    });

    /**
     * Adds committed batches to the writer on its own thread, in commit order, so the next batch is parsed and
     * committed while this one is indexed. What is queued is already durable in the database: a crash loses nothing.
     */
    private final ExecutorService indexer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lucene-indexer");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore pending = new Semaphore(MAX_PENDING_BATCHES);

    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    /** Every sequence up to this one has been added to the writer. */
    private volatile long addedSequence;
    private volatile long committedSequence;
    /** When a search last ran (System.nanoTime), and how long after it the frequent refreshes pause. */
    private volatile long lastSearch = System.nanoTime();
    private long searchIdleAfterNanos = DEFAULT_SEARCH_IDLE_AFTER.toNanos();
    /** Set when a refresh was left out because nobody searched; the next search refreshes first. */
    private volatile boolean refreshSkipped;

    /** How long after the last search the frequent refreshes pause, unless {@link #open} is told otherwise. */
    public static final Duration DEFAULT_SEARCH_IDLE_AFTER = Duration.ofSeconds(30);

    /** Set when adding failed after a database commit; the maintenance thread catches up. */
    private volatile boolean behind;
    /**
     * Set on a database other nodes write to: the index then reads every batch back from the database in sequence
     * order (its own too, since another node may have committed lower sequences meanwhile) and polls for theirs.
     */
    private volatile boolean following;

    public LuceneIndex(Path path, Analyzer analyzer, EventHistory history, double ramBufferMb) {
        this.path = path;
        this.analyzer = analyzer;
        this.history = history;
        this.ramBufferMb = ramBufferMb;
    }

    /** Opens (or creates) the index, catches up from the database and starts refreshing and committing. */
    public void open(Duration refreshInterval, Duration commitInterval) {
        open(refreshInterval, commitInterval, DEFAULT_SEARCH_IDLE_AFTER);
    }

    /**
     * As {@link #open(Duration, Duration)}; the frequent refreshes pause {@code searchIdleAfter} after the last
     * search (see the class comment).
     */
    public void open(Duration refreshInterval, Duration commitInterval, Duration searchIdleAfter) {
        searchIdleAfterNanos = searchIdleAfter.toNanos();
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            boolean rebuild = false;
            try {
                writer = new IndexWriter(directory, writerConfig(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
                String schema = commitData(writer, EventFields.COMMIT_SCHEMA);
                if (writer.getDocStats().numDocs > 0 && !EventDocuments.SCHEMA.equals(schema)) {
                    log.info(
                            "The search index at {} has document layout {}, this version writes {}; rebuilding it from the database",
                            path, schema == null ? "1" : schema, EventDocuments.SCHEMA);
                    writer.rollback();
                    writer = new IndexWriter(directory, writerConfig(IndexWriterConfig.OpenMode.CREATE));
                    rebuild = true;
                }
            } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
                // the database is the source of truth: start an empty index and catch up from sequence 0
                log.warn("The search index at {} is unreadable ({}); rebuilding it from the database", path,
                        e.toString());
                writer = new IndexWriter(directory, writerConfig(IndexWriterConfig.OpenMode.CREATE));
                rebuild = true;
            }
            String sequence = rebuild ? null : commitData(writer, EventFields.COMMIT_SEQ);
            committedSequence = sequence == null ? 0 : Long.parseLong(sequence);
            addedSequence = committedSequence;
            searchers = new SearcherManager(writer, null);
            dropRemoved();
            long caughtUp = catchUp();
            if (caughtUp > 0) {
                log.info("Index caught up {} events from the database (through sequence {})", caughtUp, addedSequence);
            }
            commit();
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + path, e);
        }
        long refreshMs = refreshInterval.toMillis();
        long commitMs = commitInterval.toMillis();
        maintenance.scheduleWithFixedDelay(this::refreshQuietly, refreshMs, refreshMs, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(this::maintain, commitMs, commitMs, TimeUnit.MILLISECONDS);
    }

    private IndexWriterConfig writerConfig(IndexWriterConfig.OpenMode mode) {
        return new IndexWriterConfig(analyzer)
                .setOpenMode(mode)
                .setRAMBufferSizeMB(ramBufferMb)
                .setCommitOnClose(false); // we commit ourselves, with the sequence in the user data
    }

    private static @Nullable String commitData(IndexWriter writer, String key) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (key.equals(entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    /**
     * Queues the documents of events the database has just committed; call in commit order. Returns at once unless
     * the indexer is {@link #MAX_PENDING_BATCHES} batches behind.
     */
    public void submit(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        pending.acquireUninterruptibly();
        try {
            indexer.execute(() -> {
                try {
                    index(events);
                } finally {
                    pending.release();
                }
            });
        } catch (RuntimeException e) { // shut down: the rows are in the database, catch-up adds them on the next open
            pending.release();
            behind = true;
        }
    }

    /**
     * Follows a database shared with other nodes: every {@code interval} the index reads what was committed past its
     * sequence, by any node, and makes it searchable at once.
     */
    public void follow(Duration interval) {
        following = true;
        long ms = Math.max(50, interval.toMillis());
        maintenance.scheduleWithFixedDelay(this::followQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void followQuietly() {
        try {
            if (catchUp() > 0) {
                refreshUnlessIdle();
            }
        } catch (IOException | RuntimeException e) { // the database may be away: the next round tries again
            log.debug("Following the database failed: {}", e.toString());
        }
    }

    /** Waits until every submitted batch is in the writer. */
    public void awaitIndexed() {
        pending.acquireUninterruptibly(MAX_PENDING_BATCHES);
        pending.release(MAX_PENDING_BATCHES);
    }

    /**
     * Adds or replaces the documents of events the database has just committed. Never throws: a failure leaves the
     * index behind, and the maintenance thread catches up from the database.
     */
    public void index(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            if (behind || following) {
                catchUp();
                return;
            }
            add(events);
        } catch (IOException | RuntimeException e) {
            behind = true;
            log.error("Indexing failed; search will catch up from the database: {}", e.toString());
        } finally {
            writeLock.unlock();
        }
    }

    private void add(List<StoredEvent> events) throws IOException {
        long highest = addedSequence;
        for (StoredEvent event : events) {
            writer.updateDocument(new Term(EventFields.ID, event.id()), EventDocuments.toDocument(event));
            highest = Math.max(highest, event.sequence());
        }
        addedSequence = highest;
    }

    /** Adds every database event past the indexed sequence; returns how many. */
    private long catchUp() throws IOException {
        writeLock.lock();
        try {
            long total = 0;
            while (true) {
                List<StoredEvent> page = history.after(addedSequence, CATCH_UP_PAGE);
                if (page.isEmpty()) {
                    break;
                }
                add(page);
                total += page.size();
            }
            behind = false;
            return total;
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops the documents of events the database no longer has, e.g. ids re-keyed by a migration. */
    private void dropRemoved() throws IOException {
        List<String> removed = history.removed();
        if (removed.isEmpty()) {
            return;
        }
        writer.deleteDocuments(removed.stream().map(id -> new Term(EventFields.ID, id)).toArray(Term[]::new));
        writer.commit();
        history.forgetRemoved(removed);
        log.info("Dropped {} events from the index that the database no longer holds", removed.size());
    }

    /** Drops every document and rebuilds the index from the database; returns the number of events indexed. */
    public long rebuild() {
        awaitIndexed();
        writeLock.lock();
        try {
            writer.deleteAll();
            addedSequence = 0;
            long total = catchUp();
            commit();
            refresh();
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("rebuilding the index failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Catches up if behind, then commits with the indexed sequence; blocks until both are durable. */
    public void catchUpAndCommit() {
        awaitIndexed();
        try {
            catchUp();
            commit();
            refresh();
        } catch (IOException e) {
            throw new UncheckedIOException("catching up the index failed", e);
        }
    }

    /** Durable commit recording the highest sequence every earlier document is in. */
    public synchronized void commit() throws IOException {
        // Read before committing: documents added meanwhile are included but not claimed, so catch-up redoes them.
        long sequence = addedSequence;
        if (sequence == committedSequence && !writer.hasUncommittedChanges()) {
            return;
        }
        writer.setLiveCommitData(Map.of(EventFields.COMMIT_SEQ, Long.toString(sequence),
                EventFields.COMMIT_SCHEMA, EventDocuments.SCHEMA).entrySet());
        writer.prepareCommit(); // the new segments and commit point are written...
        FaultPoints.reach(FaultPoints.INDEX_COMMIT);
        writer.commit(); // ...and only now made the index's current state
        committedSequence = sequence;
    }

    /** Makes everything committed so far visible to new searches. */
    public void refresh() throws IOException {
        awaitIndexed();
        searchers.maybeRefreshBlocking();
    }

    private void refreshQuietly() {
        try {
            refreshUnlessIdle();
        } catch (IOException | RuntimeException e) {
            log.warn("Index refresh failed: {}", e.toString());
        }
    }

    /** A refresh, or while nobody searches a note that the next search must refresh first. */
    private void refreshUnlessIdle() throws IOException {
        if (System.nanoTime() - lastSearch > searchIdleAfterNanos) {
            refreshSkipped = true;
        } else {
            searchers.maybeRefresh();
        }
    }

    private void maintain() {
        try {
            if (behind) {
                catchUp();
            }
            commit();
            // a commit has just written out every document added, so this refresh adds no segment of its own; it
            // keeps an idle index at most one commit interval behind
            if (refreshSkipped) {
                searchers.maybeRefresh();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Index commit failed, will retry: {}", e.toString());
        }
    }

    /** Whether new searches see every document added so far (for tests of the refresh schedule). */
    boolean searchesCurrent() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return ((DirectoryReader) searcher.getIndexReader()).isCurrent();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Runs the function with a current searcher; the searcher must not escape it. */
    public <T> T withSearcher(Function<IndexSearcher, T> work) {
        lastSearch = System.nanoTime();
        try {
            if (refreshSkipped) { // the first search after a pause: refresh before reading, as a paused refresh would have
                searchers.maybeRefreshBlocking();
                refreshSkipped = false;
            }
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search index unavailable", e);
        }
    }

    /** Reads from the last commit on disk, for checks that must not trust in-memory state. */
    public <T> T withCommittedReader(Function<DirectoryReader, T> work) {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            return work.apply(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index commit", e);
        }
    }

    public long addedSequence() {
        return addedSequence;
    }

    public long committedSequence() {
        return committedSequence;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    @Override
    public void close() throws IOException {
        // never interrupt: an interrupt during NIO closes the channel, which Lucene treats as fatal for the writer
        awaitIndexed();
        indexer.shutdown();
        maintenance.shutdown();
        try {
            maintenance.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer == null) {
            return;
        }
        try {
            commit();
        } finally {
            searchers.close();
            writer.close();
            directory.close();
        }
    }
}
