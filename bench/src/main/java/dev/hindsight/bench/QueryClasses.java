package dev.hindsight.bench;

import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.internal.index.EventFields;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The search benchmark's query classes, each asked of Hindsight and, as the same question, of a raw
 * {@link IndexSearcher} with the same facet counts.
 */
public final class QueryClasses {

    /**
     * One class of query.
     *
     * @param key a short name for command lines ({@code -p queryClass=phrase})
     */
    public record QueryClass(String key, String name, SearchQuery hindsight, Supplier<Query> raw, Sort sort) {

        /**
         * The raw baseline's answer to the same question Hindsight answers: the top 20 in order, and the default
         * facets counted over every match (Hindsight counts them for every search, so a baseline without them would
         * ask less; a phrase's baseline once did, and stopped at its top 20).
         */
        public Object askRaw(IndexSearcher searcher, Map<String, StringDocValuesReaderState> facetStates)
                throws IOException {
            FacetsCollectorManager.FacetsResult result = FacetsCollectorManager.search(searcher, raw.get(), 20, sort,
                    false, new FacetsCollectorManager());
            List<Object> facets = new ArrayList<>();
            for (String field : EventSearch.FACETS) {
                facets.add(new StringValueFacetCounts(facetStates.get(field), result.facetsCollector())
                        .getTopChildren(20, field));
            }
            return List.of(result.topDocs(), facets);
        }
    }

    private QueryClasses() {}

    /** Text + range runs from {@code from} to {@code to}; the point lookup asks for {@code someId}. */
    public static List<QueryClass> of(Analyzer analyzer, Instant from, Instant to, String someId) {
        Sort byTime = new Sort(LongField.newSortField(EventFields.AT, false, SortedNumericSelector.Type.MIN),
                SortField.FIELD_DOC);
        Sort newest = new Sort(LongField.newSortField(EventFields.AT, true, SortedNumericSelector.Type.MIN),
                SortField.FIELD_DOC);
        return List.of(
                new QueryClass("text", "text + range + facets + sort",
                        new SearchQuery("certificate renewed", from, to, Map.of(), 20, 0, SearchQuery.Sort.NEWEST),
                        () -> filtered(parse(analyzer, "certificate renewed"),
                                LongField.newRangeQuery(EventFields.AT, from.toEpochMilli(), to.toEpochMilli())),
                        newest),
                new QueryClass("phrase", "phrase",
                        new SearchQuery("\"backup completed\"", null, null, Map.of(), 20, 0, SearchQuery.Sort.TIME),
                        () -> parse(analyzer, "\"backup completed\""), byTime),
                new QueryClass("filter", "filter only + facets",
                        new SearchQuery("*", null, null,
                                Map.of("source", Set.of("alertmanager"), "kind", Set.of("ALERT_FIRING")), 20, 0,
                                SearchQuery.Sort.NEWEST),
                        () -> filtered(new MatchAllDocsQuery(),
                                KeywordField.newSetQuery(EventFields.SOURCE, List.of(new BytesRef("alertmanager"))),
                                KeywordField.newSetQuery(EventFields.KIND, List.of(new BytesRef("ALERT_FIRING")))),
                        newest),
                new QueryClass("point", "point lookup (id)",
                        new SearchQuery("id:" + someId, null, null, Map.of(), 1, 0, SearchQuery.Sort.TIME),
                        () -> new TermQuery(new Term(EventFields.ID, someId)), byTime),
                new QueryClass("rare", "rare term",
                        new SearchQuery("HttpsTimeout", null, null, Map.of(), 20, 0, SearchQuery.Sort.TIME),
                        () -> parse(analyzer, "HttpsTimeout"), byTime));
    }

    /** The facet reader states the raw baseline counts with, once per reader. */
    public static Map<String, StringDocValuesReaderState> facetStates(IndexReader reader) throws IOException {
        Map<String, StringDocValuesReaderState> states = new HashMap<>();
        for (String field : EventSearch.FACETS) {
            states.put(field, new StringDocValuesReaderState(reader, field));
        }
        return states;
    }

    private static Query parse(Analyzer analyzer, String text) {
        try {
            QueryParser parser = new QueryParser(EventFields.CONTENT, analyzer);
            parser.setDefaultOperator(QueryParser.Operator.AND);
            return parser.parse(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Query filtered(Query main, Query... filters) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(main, Occur.MUST);
        for (Query f : filters) {
            b.add(f, Occur.FILTER);
        }
        return b.build();
    }
}
