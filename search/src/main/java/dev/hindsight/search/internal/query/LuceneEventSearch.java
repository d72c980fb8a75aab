package dev.hindsight.search.internal.query;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.search.internal.index.EventFields;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.visibility.Visibility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.BytesRef;

/** {@link EventSearch} over the Lucene index: filters, exact totals, facet counts and highlighted snippets. */
public class LuceneEventSearch implements EventSearch {

    /** Distinct values shown per facet. */
    static final int FACET_VALUES = 20;

    private final LuceneIndex index;
    private final Visibility visibility;
    private final BoundedQueryParser parser;
    private final Duration timeBudget;
    private final FacetCounts facetCounts = new FacetCounts(FACETS, FACET_VALUES);

    public LuceneEventSearch(LuceneIndex index, Visibility visibility, Duration timeBudget) {
        this.index = index;
        this.visibility = visibility;
        this.parser = new BoundedQueryParser(index.analyzer());
        this.timeBudget = timeBudget;
    }

    @Override
    public SearchResult search(SearchQuery query, Viewer viewer) {
        Query textQuery = parser.parse(query.text());
        Query full = withFilters(textQuery, query, visibility.hiddenFrom(viewer));
        return index.withSearcher(shared -> {
            // a searcher of our own per query: the time budget is per searcher and must not leak between threads
            IndexSearcher searcher = new IndexSearcher(shared.getIndexReader());
            searcher.setTimeout(new QueryTimeoutImpl(timeBudget.toMillis()));
            try {
                return run(searcher, textQuery, full, query);
            } catch (IndexSearcher.TooManyClauses e) {
                throw new QueryRejectedException("query expands to too many terms; be more specific", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private SearchResult run(IndexSearcher searcher, Query textQuery, Query full, SearchQuery query)
            throws IOException {
        int wanted = Math.max(1, query.offset() + query.limit());
        SearchQuery.Sort order = QueryRules.order(query, textQuery instanceof MatchAllDocsQuery);
        FacetCounts.Result counted = searcher.search(full, facetCounts.manager()); // the exact total and the facets
        TopDocs top = searcher.timedOut()
                ? null
                : order == SearchQuery.Sort.NEWEST && counted.total() > 4L * wanted
                        ? newestPage(searcher, full, wanted, counted.total(), query)
                        : searcher.search(full, new TopFieldCollectorManager(sort(order), wanted, null, wanted));
        if (searcher.timedOut() || top == null) {
            throw new QueryRejectedException("query did not finish within " + timeBudget.toMillis()
                    + " ms; narrow it with a time range or more specific terms");
        }
        ScoreDoc[] page = slice(top.scoreDocs, query.offset(), query.limit());
        List<SearchResult.Hit> hits = hits(searcher, textQuery, top, page);
        return new SearchResult(counted.total(), hits, counted.facets());
    }

    /**
     * The newest {@code wanted} hits. Events are indexed roughly oldest first, so sorting every hit newest first would
     * reorder the queue on almost every hit; instead ask for the latest stretch of time that should hold the page at
     * the hits' average density, and widen it until it does. Every hit left out is older than every hit kept, so the
     * page is the one a full sort gives.
     */
    private static TopDocs newestPage(IndexSearcher searcher, Query full, int wanted, long total, SearchQuery query)
            throws IOException {
        IndexReader reader = searcher.getIndexReader();
        byte[] minPacked = PointValues.getMinPackedValue(reader, EventFields.AT);
        byte[] maxPacked = PointValues.getMaxPackedValue(reader, EventFields.AT);
        Sort sort = sort(SearchQuery.Sort.NEWEST);
        if (minPacked == null || maxPacked == null) {
            return searcher.search(full, new TopFieldCollectorManager(sort, wanted, null, wanted));
        }
        long newest = LongPoint.decodeDimension(maxPacked, 0);
        long oldest = LongPoint.decodeDimension(minPacked, 0);
        if (query.to() != null) {
            newest = Math.min(newest, query.to().toEpochMilli());
        }
        if (query.from() != null) {
            oldest = Math.max(oldest, query.from().toEpochMilli());
        }
        double span = (double) newest - oldest + 1;
        double window = Math.max(1, span * Math.min(1.0, 2.0 * wanted / total));
        while (window < span && !searcher.timedOut()) {
            Query recent = new BooleanQuery.Builder()
                    .add(full, Occur.MUST)
                    .add(LongField.newRangeQuery(EventFields.AT, newest - (long) window + 1, Long.MAX_VALUE),
                            Occur.FILTER)
                    .build();
            TopDocs top = searcher.search(recent, new TopFieldCollectorManager(sort, wanted, null, wanted));
            if (top.scoreDocs.length >= wanted) {
                return top;
            }
            window *= 4;
        }
        return searcher.search(full, new TopFieldCollectorManager(sort, wanted, null, wanted));
    }

    private static Query withFilters(Query text, SearchQuery query, Set<String> hiddenIncidents) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(text, text instanceof MatchAllDocsQuery ? Occur.FILTER : Occur.MUST);
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
            long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli();
            b.add(LongField.newRangeQuery(EventFields.AT, from, to), Occur.FILTER);
        }
        for (Map.Entry<String, Set<String>> filter : query.filters().entrySet()) {
            String field = filter.getKey();
            QueryRules.checkFilterField(field);
            if (filter.getValue().isEmpty()) {
                continue;
            }
            List<BytesRef> values = filter.getValue().stream()
                    .map(v -> new BytesRef(QueryRules.filterValue(field, v)))
                    .toList();
            b.add(KeywordField.newSetQuery(field, values), Occur.FILTER);
        }
        if (!hiddenIncidents.isEmpty()) {
            List<BytesRef> hidden = hiddenIncidents.stream().map(BytesRef::new).toList();
            b.add(KeywordField.newSetQuery(EventFields.INCIDENT, hidden), Occur.MUST_NOT);
        }
        return b.build();
    }

    private static Sort sort(SearchQuery.Sort order) {
        SortField byTime = LongField.newSortField(EventFields.AT, false, SortedNumericSelector.Type.MIN);
        SortField newest = LongField.newSortField(EventFields.AT, true, SortedNumericSelector.Type.MIN);
        return switch (order) {
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, byTime);
            case NEWEST -> new Sort(newest, SortField.FIELD_DOC);
            default -> new Sort(byTime, SortField.FIELD_DOC);
        };
    }

    private static ScoreDoc[] slice(ScoreDoc[] docs, int offset, int limit) {
        if (offset >= docs.length) {
            return new ScoreDoc[0];
        }
        int end = Math.min(docs.length, offset + limit);
        ScoreDoc[] page = new ScoreDoc[end - offset];
        System.arraycopy(docs, offset, page, 0, page.length);
        return page;
    }

    private List<SearchResult.Hit> hits(IndexSearcher searcher, Query textQuery, TopDocs top, ScoreDoc[] page)
            throws IOException {
        if (page.length == 0) {
            return List.of();
        }
        var stored = searcher.storedFields();
        Map<Integer, Document> docs = new java.util.HashMap<>();
        for (ScoreDoc sd : page) {
            docs.put(sd.doc, stored.document(sd.doc));
        }
        Map<Integer, String> snippets = Snippets.of(searcher, index.analyzer(), textQuery, page, EventFields.TEXT,
                EventFields.TITLE, docs);
        List<SearchResult.Hit> hits = new ArrayList<>(page.length);
        for (ScoreDoc sd : page) {
            Document doc = docs.get(sd.doc);
            hits.add(new SearchResult.Hit(
                    doc.get(EventFields.ID),
                    Instant.ofEpochMilli(doc.getField(EventFields.AT).numericValue().longValue()),
                    doc.get(EventFields.SOURCE),
                    EventKind.valueOf(doc.get(EventFields.KIND)),
                    doc.get(EventFields.TITLE),
                    snippets.getOrDefault(sd.doc, "")));
        }
        return hits;
    }
}
