package dev.hindsight.search.internal.records;

import dev.hindsight.core.store.SearchableRecord;
import dev.hindsight.core.store.SearchableRecord.Type;
import dev.hindsight.core.store.SearchableRecords;
import dev.hindsight.search.internal.index.EventAnalyzers;
import dev.hindsight.search.internal.index.EventFields;
import dev.hindsight.search.internal.query.Snippets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The search over what people wrote (incidents, post-mortem sections, action items, notes, comments), beside the
 * event index. These records are few beside events and all live in the database, so the index is held in memory and
 * built from the database on first use after a start: it can never disagree with the database for longer than a
 * transaction, and needs no recovery of its own.
 */
@Component
public class RecordIndex implements SearchableRecords {

    private static final Logger log = LoggerFactory.getLogger(RecordIndex.class);
    private static final String KEY = "key";
    private static final String TYPE = "type";
    private static final String LINK = "link";

    private final ObjectProvider<Source> sources;
    private final Analyzer analyzer = EventAnalyzers.create();
    private final Object buildLock = new Object();
    private volatile @Nullable Built built;

    private record Built(IndexWriter writer, SearcherManager searchers) {}

    public RecordIndex(ObjectProvider<Source> sources) {
        this.sources = sources;
    }

    /** Hits of one page, the exact total, and how many hits each type has. */
    public record Page(long total, List<Found> hits, Map<Type, Long> counts) {}

    /** A record that matched, with its best passage highlighted (the rest HTML-escaped). */
    public record Found(SearchableRecord record, String snippet) {}

    @Override
    public void put(SearchableRecord record) {
        afterCommit(() -> write(w -> w.updateDocument(new Term(KEY, key(record.type(), record.id())),
                document(record))));
    }

    @Override
    public void remove(Type type, String id) {
        afterCommit(() -> write(w -> w.deleteDocuments(new Term(KEY, key(type, id)))));
    }

    /**
     * Records of the given types matching the text, leaving out those of hidden incidents; relevance first when
     * there is text, newest first otherwise.
     */
    public Page search(Query text, Set<Type> types, @Nullable Instant from, @Nullable Instant to,
            Set<String> incidents, Set<String> hiddenIncidents, int offset, int limit) {
        Built b = ready();
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        q.add(text, text instanceof MatchAllDocsQuery ? Occur.FILTER : Occur.MUST);
        q.add(KeywordField.newSetQuery(TYPE, types.stream().map(t -> new BytesRef(t.name())).toList()),
                Occur.FILTER);
        if (from != null || to != null) {
            q.add(LongField.newRangeQuery(EventFields.AT, from == null ? Long.MIN_VALUE : from.toEpochMilli(),
                    to == null ? Long.MAX_VALUE : to.toEpochMilli()), Occur.FILTER);
        }
        if (!incidents.isEmpty()) {
            q.add(KeywordField.newSetQuery(EventFields.INCIDENT, incidents.stream().map(BytesRef::new).toList()),
                    Occur.FILTER);
        }
        if (!hiddenIncidents.isEmpty()) {
            q.add(KeywordField.newSetQuery(EventFields.INCIDENT, hiddenIncidents.stream().map(BytesRef::new).toList()),
                    Occur.MUST_NOT);
        }
        Query query = q.build();
        try {
            IndexSearcher searcher = b.searchers().acquire();
            try {
                Map<Type, Long> counts = new EnumMap<>(Type.class);
                for (Type type : types) {
                    Query ofType = new BooleanQuery.Builder().add(query, Occur.MUST)
                            .add(new TermQuery(new Term(TYPE, type.name())), Occur.FILTER).build();
                    int n = searcher.count(ofType);
                    if (n > 0) {
                        counts.put(type, (long) n);
                    }
                }
                long total = counts.values().stream().mapToLong(Long::longValue).sum();
                int wanted = Math.max(1, offset + limit);
                SortField newest = LongField.newSortField(EventFields.AT, true, SortedNumericSelector.Type.MIN);
                Sort sort = text instanceof MatchAllDocsQuery
                        ? new Sort(newest)
                        : new Sort(SortField.FIELD_SCORE,
                                newest);
                TopDocs top = searcher.search(query, new TopFieldCollectorManager(sort, wanted, null, wanted));
                List<ScoreDoc> page = new ArrayList<>();
                for (int i = offset; i < Math.min(top.scoreDocs.length, offset + limit); i++) {
                    page.add(top.scoreDocs[i]);
                }
                ScoreDoc[] docs = page.toArray(ScoreDoc[]::new);
                Map<Integer, String> snippets = docs.length == 0
                        ? Map.of()
                        : Snippets.of(searcher, analyzer, text, docs, EventFields.TEXT, EventFields.TITLE);
                List<Found> hits = new ArrayList<>(docs.length);
                var stored = searcher.storedFields();
                for (ScoreDoc sd : docs) {
                    hits.add(new Found(record(stored.document(sd.doc)), snippets.getOrDefault(sd.doc, "")));
                }
                return new Page(total, hits, counts);
            } finally {
                b.searchers().release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the index; the next use builds it again from the database. */
    public void invalidate() {
        synchronized (buildLock) {
            Built b = built;
            built = null;
            if (b != null) {
                close(b);
            }
        }
    }

    private interface WriterAction {
        void apply(IndexWriter writer) throws IOException;
    }

    /** Under the build lock: a change committed while the index is being built waits for it, then applies. */
    private void write(WriterAction action) {
        synchronized (buildLock) {
            Built b = built;
            if (b == null) {
                return; // not built yet: the build reads the database, which already holds this change
            }
            try {
                action.apply(b.writer());
                b.searchers().maybeRefreshBlocking();
            } catch (IOException e) {
                log.warn("could not update the record search; rebuilding it on next use", e);
                invalidate();
            }
        }
    }

    private static void afterCommit(Runnable change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    change.run();
                }
            });
        } else {
            change.run();
        }
    }

    private Built ready() {
        Built b = built;
        if (b != null) {
            return b;
        }
        synchronized (buildLock) {
            if (built == null) {
                built = build();
            }
            return built;
        }
    }

    private Built build() {
        long started = System.nanoTime();
        try {
            IndexWriter writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            int[] n = {0};
            for (Source source : sources.orderedStream().toList()) {
                source.forEach(r -> {
                    try {
                        writer.updateDocument(new Term(KEY, key(r.type(), r.id())), document(r));
                        n[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            writer.commit();
            log.info("record search built: {} records in {} ms", n[0], (System.nanoTime() - started) / 1_000_000);
            return new Built(writer, new SearcherManager(writer, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(Built b) {
        try {
            b.searchers().close();
            b.writer().close();
        } catch (IOException e) {
            log.debug("closing the record search", e);
        }
    }

    private static String key(Type type, String id) {
        return type.name() + ":" + id;
    }

    private static Document document(SearchableRecord r) {
        Document d = new Document();
        d.add(new KeywordField(KEY, key(r.type(), r.id()), Field.Store.NO));
        d.add(new KeywordField(TYPE, r.type().name(), Field.Store.YES));
        d.add(new StoredField(EventFields.ID, r.id()));
        d.add(new KeywordField(EventFields.INCIDENT, r.incidentKey(), Field.Store.YES));
        d.add(new LongField(EventFields.AT, r.at().toEpochMilli(), Field.Store.YES));
        d.add(new StoredField(LINK, r.link()));
        d.add(new TextField(EventFields.TITLE, r.title(), Field.Store.YES));
        d.add(new TextField(EventFields.TEXT, r.text(), Field.Store.YES));
        d.add(new TextField(EventFields.CONTENT, r.incidentKey() + " " + r.title() + "\n" + r.text(), Field.Store.NO));
        return d;
    }

    private static SearchableRecord record(Document d) {
        return new SearchableRecord(Type.valueOf(d.get(TYPE)), d.get(EventFields.ID), d.get(EventFields.INCIDENT),
                d.get(EventFields.TITLE), d.get(EventFields.TEXT),
                Instant.ofEpochMilli(d.getField(EventFields.AT).numericValue().longValue()), d.get(LINK));
    }
}
