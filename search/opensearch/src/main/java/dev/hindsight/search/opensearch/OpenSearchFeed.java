package dev.hindsight.search.opensearch;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.store.ClusterJobs;
import dev.hindsight.search.internal.index.EventDocuments;
import dev.hindsight.search.internal.index.EventFields;
import dev.hindsight.search.internal.index.EventHistory;
import dev.hindsight.search.maintenance.SharedSearchIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the cluster's index following the database: every {@code follow-interval} one node (a {@link ClusterJobs}
 * lock) reads the events committed past the index's checkpoint, in sequence order, bulk-writes them, and only then
 * moves the checkpoint. The checkpoint lives beside the index it describes, so a lost index starts again from zero
 * and a crash between the two re-sends a batch (documents are versioned by sequence, so a re-send or a late writer
 * never puts an older copy over a newer one). While the cluster is away, ingest goes on committing and the feed
 * catches up when it returns.
 */
public final class OpenSearchFeed implements SharedSearchIndex, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenSearchFeed.class);

    /**
     * How long a node that died mid-run keeps the feed from the others: short, so search does not lag long behind a
     * crash. A run is bounded by {@link #BATCHES_PER_RUN} to stay well inside it; were one to overrun, two nodes
     * feeding at once is harmless (documents are versioned by sequence).
     */
    private static final Duration HOLD_AT_MOST = Duration.ofSeconds(30);

    /** Bulk requests per run; a backlog is worked off over several runs. */
    static final int BATCHES_PER_RUN = 20;

    private final OpenSearchIndex index;
    private final EventHistory history;
    private final ClusterJobs jobs;
    private final OpenSearchProperties props;
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "opensearch-feed");
        t.setDaemon(true);
        return t;
    });

    /** {@code index/id} of the removed events already deleted from an index. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    private volatile boolean ensured;
    private volatile @Nullable String lastError;
    private volatile long checkpoint;

    public OpenSearchFeed(OpenSearchIndex index, EventHistory history, ClusterJobs jobs, OpenSearchProperties props) {
        this.index = index;
        this.history = history;
        this.jobs = jobs;
        this.props = props;
    }

    @Override
    public String describe() {
        return "OpenSearch " + props.url() + ", alias " + index.alias();
    }

    /** Read from the cluster: whichever node fed it last, every node shows the same position. */
    @Override
    public long indexedSequence() {
        try {
            return index.current().map(this::readCheckpoint).orElse(0L);
        } catch (RuntimeException e) { // away: what this node last knew
            return checkpoint;
        }
    }

    @Override
    public @Nullable String lastError() {
        return lastError;
    }

    @Override
    public String rebuild() {
        return reindex();
    }

    /** Follows the database from now on, every {@code follow-interval}. */
    public void start() {
        long ms = Math.max(50, props.followInterval().toMillis());
        follower.scheduleWithFixedDelay(this::followQuietly, 0, ms, TimeUnit.MILLISECONDS);
    }

    private void followQuietly() {
        try {
            jobs.runExclusively("opensearch-feed", Duration.ZERO, HOLD_AT_MOST, this::catchUp);
            lastError = null;
        } catch (RuntimeException e) { // the cluster or the database may be away: the next round tries again
            ensured = false;
            if (!e.toString().equals(lastError)) {
                log.warn("The OpenSearch feed is behind and will retry: {}", e.toString());
            }
            lastError = e.toString();
        }
    }

    /**
     * Sends what was committed past the checkpoint of the index behind the alias, up to {@link #BATCHES_PER_RUN}
     * bulk requests; returns how many events.
     */
    public synchronized long catchUp() {
        if (!ensured) {
            index.ensure();
            ensured = true;
        }
        String target = index.current().orElseThrow(() -> new IllegalStateException("alias " + index.alias()
                + " points at no index"));
        return feed(target, BATCHES_PER_RUN);
    }

    /**
     * Builds a new versioned index from the whole database beside the live one, swaps the alias to it in one request
     * and drops the old one: searches never see a missing or half-built index.
     *
     * @return the new index's name
     */
    public synchronized String reindex() {
        index.ensure();
        ensured = true;
        String old = index.current().orElse(null);
        int next = index.versions().stream()
                .map(v -> v.substring(v.lastIndexOf("-v") + 2))
                .filter(v -> v.chars().allMatch(Character::isDigit) && !v.isEmpty())
                .mapToInt(Integer::parseInt).max().orElse(0) + 1;
        String fresh = index.alias() + "-v" + next;
        index.createIndex(fresh);
        feed(fresh);
        index.refresh(fresh); // searches move over only once the new index shows what the old one did
        index.swapAlias(old, fresh);
        feed(fresh); // what was committed while the new index filled
        if (old != null) {
            index.deleteIndex(old);
        }
        return fresh;
    }

    private long feed(String target) {
        return feed(target, Integer.MAX_VALUE);
    }

    private long feed(String target, int maxBatches) {
        long from = readCheckpoint(target);
        long sent = 0;
        removeDeleted(target);
        for (int batches = 0; batches < maxBatches; batches++) {
            List<StoredEvent> batch = history.after(from, props.batchSize());
            if (batch.isEmpty()) {
                break;
            }
            bulk(target, batch);
            from = batch.getLast().sequence();
            writeCheckpoint(target, from);
            sent += batch.size();
        }
        checkpoint = from;
        return sent;
    }

    private void bulk(String target, List<StoredEvent> batch) {
        BulkRequest.Builder request = new BulkRequest.Builder().index(target);
        for (StoredEvent stored : batch) {
            Map<String, Object> doc = document(stored);
            request.operations(op -> op.index(i -> i.id(stored.id()).document(doc)
                    .version(stored.sequence()).versionType(VersionType.External)));
        }
        BulkResponse response = index.call(() -> index.client().bulk(request.build()));
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                // 409: the index already holds this event at this or a later sequence, which is what we want
                if (item.error() != null && item.status() != 409) {
                    throw new IllegalStateException("OpenSearch refused event " + item.id() + ": "
                            + item.error().type() + ": " + item.error().reason());
                }
            }
        }
    }

    /** The same fields as the embedded index's document, with the same catch-all text. */
    static Map<String, Object> document(StoredEvent stored) {
        Event e = stored.event();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(EventFields.ID, stored.id());
        doc.put(EventFields.SEQ, stored.sequence());
        doc.put(EventFields.AT, e.occurredAt().toEpochMilli());
        doc.put(EventFields.SOURCE, e.source());
        doc.put(EventFields.KIND, e.kind().name());
        putIfPresent(doc, EventFields.SERVICE, e.service());
        putIfPresent(doc, EventFields.HOST, e.host());
        putIfPresent(doc, EventFields.SEVERITY, e.severity());
        putIfPresent(doc, EventFields.LOCATION, e.location());
        putIfPresent(doc, EventFields.ACTOR, e.actor());
        if (!stored.incidents().isEmpty()) {
            doc.put(EventFields.INCIDENT, List.copyOf(stored.incidents()));
        }
        if (!e.labels().isEmpty()) {
            List<String> labels = new ArrayList<>();
            e.labels().forEach((k, v) -> labels.add(k + "=" + v));
            doc.put(EventFields.LABEL, labels);
        }
        doc.put(EventFields.TITLE, e.title());
        putIfPresent(doc, EventFields.TEXT, e.text());
        doc.put(EventFields.CONTENT, EventDocuments.content(e));
        return doc;
    }

    private static void putIfPresent(Map<String, Object> doc, String field, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            doc.put(field, value);
        }
    }

    /**
     * Events the database merged away (a re-key) leave the cluster's index too, once per index: the database keeps
     * the list for every node's embedded index, so the feed remembers which it has already deleted where.
     */
    private void removeDeleted(String target) {
        List<String> removed = history.removed().stream().filter(id -> !deleted.contains(target + "/" + id)).toList();
        if (removed.isEmpty()) {
            return;
        }
        BulkRequest.Builder request = new BulkRequest.Builder().index(target);
        for (String id : removed) {
            request.operations(op -> op.delete(d -> d.id(id)));
        }
        index.call(() -> index.client().bulk(request.build()));
        removed.forEach(id -> deleted.add(target + "/" + id));
    }

    private long readCheckpoint(String target) {
        try {
            GetResponse<JsonNode> doc = index.call(
                    () -> index.client().get(g -> g.index(index.checkpointIndex()).id(target), JsonNode.class));
            return doc.found() && doc.source() != null ? doc.source().path("seq").asLong() : 0;
        } catch (OpenSearchException e) {
            if (e.status() == 404) { // no checkpoint index yet
                return 0;
            }
            throw e;
        }
    }

    private void writeCheckpoint(String target, long seq) {
        index.call(() -> index.client().index(i -> i.index(index.checkpointIndex()).id(target)
                .document(Map.of("seq", seq, "at", Instant.now().toString()))));
    }

    @Override
    public void close() {
        follower.shutdownNow();
        try {
            follower.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
