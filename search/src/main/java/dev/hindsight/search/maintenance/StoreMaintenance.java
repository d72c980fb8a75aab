package dev.hindsight.search.maintenance;

import dev.hindsight.search.internal.cluster.ClusterNodes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import dev.hindsight.search.internal.index.EventFields;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.store.EventRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.springframework.stereotype.Service;

/** Maintenance of the store: rebuild the index from the database, and prove the two agree. */
@Service
public class StoreMaintenance {

    /** Differences listed by example in a consistency report. */
    static final int EXAMPLES = 10;

    private final LuceneIndex index;
    private final EventRows rows;
    private final ClusterNodes nodes;
    private final @Nullable SharedSearchIndex shared;

    StoreMaintenance(LuceneIndex index, EventRows rows, ClusterNodes nodes, ObjectProvider<SharedSearchIndex> shared) {
        this.index = index;
        this.rows = rows;
        this.nodes = nodes;
        this.shared = shared.getIfAvailable();
    }

    /**
     * The shared search index (OpenSearch), when event search runs on one.
     *
     * @param behind how many sequences it is behind the database's newest
     * @param lastError why it is behind, while it is
     */
    public record SharedIndexStatus(String describe, long indexedSequence, long behind, @Nullable String lastError) {}

    public Optional<SharedIndexStatus> sharedIndex() {
        if (shared == null) {
            return Optional.empty();
        }
        long newest = rows.lastSequence();
        return Optional.of(new SharedIndexStatus(shared.describe(), shared.indexedSequence(),
                Math.max(0, newest - shared.indexedSequence()), shared.lastError()));
    }

    /** Builds a fresh shared search index from the database and swaps it in; empty when there is none. */
    public Optional<String> rebuildSharedIndex() {
        return shared == null ? Optional.empty() : Optional.of(shared.rebuild());
    }

    /**
     * A node serving this database, as it last reported itself.
     *
     * @param indexedSequence how far its search index has read the database
     * @param behind how many sequences its index is behind the database's newest
     * @param self whether it is the node answering
     */
    public record NodeStatus(String id, String host, Instant startedAt, Instant seenAt, long indexedSequence,
            long behind, boolean self) {}

    /** Makes this node known to the others (a serving node calls it once). */
    public void announceThisNode() {
        nodes.start();
    }

    /** Every node seen in the last hour, the most recently seen first. */
    public List<NodeStatus> nodes() {
        long newest = rows.lastSequence();
        return nodes.nodes().stream().map(n -> new NodeStatus(n.id(), n.host(), n.startedAt(), n.seenAt(),
                n.indexedSequence(), Math.max(0, newest - n.indexedSequence()), n.id().equals(nodes.id()))).toList();
    }

    /** How many events the store holds. */
    public long eventCount() {
        return rows.count();
    }

    /** Drops the index and rebuilds it from the database; returns the number of events indexed. */
    public long reindex() {
        return index.rebuild();
    }

    /**
     * Catches the index up, commits it, then compares the committed index with the database row by row (by
     * sequence, which identifies a row version).
     */
    public ConsistencyReport check() {
        index.catchUpAndCommit();
        long[] indexed = index.withCommittedReader(StoreMaintenance::sequences);
        Arrays.sort(indexed);
        Comparison comparison = new Comparison(indexed);
        rows.forEachSequence(comparison::database);
        comparison.finish();
        return new ConsistencyReport(
                comparison.databaseCount,
                indexed.length,
                index.committedSequence(),
                comparison.missing,
                comparison.extra,
                comparison.missingExamples,
                comparison.extraExamples);
    }

    private static long[] sequences(DirectoryReader reader) {
        try {
            long[] all = new long[reader.numDocs()];
            int n = 0;
            for (LeafReaderContext leaf : reader.leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                SortedNumericDocValues seqs = DocValues.getSortedNumeric(leaf.reader(), EventFields.SEQ);
                for (int doc = seqs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = seqs.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        if (n == all.length) {
                            all = Arrays.copyOf(all, n * 2 + 1);
                        }
                        all[n++] = seqs.nextValue();
                    }
                }
            }
            return Arrays.copyOf(all, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Merge of two ascending sequence lists. */
    private static final class Comparison {
        final long[] indexed;
        int cursor;
        long databaseCount;
        long missing;
        long extra;
        final List<Long> missingExamples = new ArrayList<>();
        final List<Long> extraExamples = new ArrayList<>();

        Comparison(long[] indexed) {
            this.indexed = indexed;
        }

        void database(long seq) {
            databaseCount++;
            while (cursor < indexed.length && indexed[cursor] < seq) {
                extra(indexed[cursor++]);
            }
            if (cursor < indexed.length && indexed[cursor] == seq) {
                cursor++;
            } else {
                missing++;
                if (missingExamples.size() < EXAMPLES) {
                    missingExamples.add(seq);
                }
            }
        }

        void finish() {
            while (cursor < indexed.length) {
                extra(indexed[cursor++]);
            }
        }

        private void extra(long seq) {
            extra++;
            if (extraExamples.size() < EXAMPLES) {
                extraExamples.add(seq);
            }
        }
    }

    /**
     * The outcome of {@link #check()}.
     *
     * @param missingFromIndex database rows the index lacks
     * @param extraInIndex index documents with no matching database row (stale or orphaned)
     */
    public record ConsistencyReport(
            long databaseEvents,
            long indexedEvents,
            long indexedThroughSequence,
            long missingFromIndex,
            long extraInIndex,
            List<Long> missingSequences,
            List<Long> extraSequences) {

        public boolean consistent() {
            return missingFromIndex == 0 && extraInIndex == 0;
        }
    }
}
