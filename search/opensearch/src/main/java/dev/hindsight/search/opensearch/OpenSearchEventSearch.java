package dev.hindsight.search.opensearch;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.core.store.SearchResult;
import dev.hindsight.search.internal.index.EventAnalyzers;
import dev.hindsight.search.internal.index.EventFields;
import dev.hindsight.search.internal.query.BoundedQueryParser;
import dev.hindsight.search.internal.query.QueryRules;
import dev.hindsight.search.internal.query.Snippets;
import dev.hindsight.search.internal.visibility.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import tools.jackson.databind.JsonNode;

/**
 * {@link EventSearch} on OpenSearch, with the embedded index's contract: the same parser and bounds, the viewer's
 * hidden incidents left out of hits, totals and facets alike, exact totals, the top facet values, the same order, and
 * snippets marked and escaped the same way.
 */
public final class OpenSearchEventSearch implements EventSearch {

    /** Distinct values shown per facet, as in the embedded index. */
    static final int FACET_VALUES = 20;

    private final OpenSearchIndex index;
    private final Visibility visibility;
    private final BoundedQueryParser parser = new BoundedQueryParser(EventAnalyzers.create());
    private final Duration timeBudget;

    public OpenSearchEventSearch(OpenSearchIndex index, Visibility visibility, Duration timeBudget) {
        this.index = index;
        this.visibility = visibility;
        this.timeBudget = timeBudget;
    }

    @Override
    public SearchResult search(SearchQuery query, Viewer viewer) {
        org.apache.lucene.search.Query parsed = parser.parse(query.text());
        Query text = QueryTranslation.of(parsed);
        boolean matchAll = parsed instanceof MatchAllDocsQuery;
        Query full = withFilters(text, matchAll, query, visibility.hiddenFrom(viewer));
        SearchRequest request = SearchRequest.of(s -> {
            s.index(index.alias())
                    .query(full)
                    .from(query.offset())
                    .size(query.limit())
                    .trackTotalHits(t -> t.enabled(true))
                    .timeout(timeBudget.toMillis() + "ms")
                    .sort(sort(QueryRules.order(query, matchAll)))
                    .source(src -> src.filter(f -> f.includes(EventFields.ID, EventFields.AT, EventFields.SOURCE,
                            EventFields.KIND, EventFields.TITLE)));
            for (String facet : FACETS) {
                s.aggregations(facet, a -> a.terms(t -> t.field(facet).size(FACET_VALUES)));
            }
            if (query.limit() > 0) {
                s.highlight(h -> h.encoder(HighlighterEncoder.Html)
                        .preTags("<mark>").postTags("</mark>")
                        .requireFieldMatch(false)
                        .highlightQuery(text)
                        .fields(EventFields.TEXT, f -> f.numberOfFragments(1).fragmentSize(Snippets.CHARS)
                                .noMatchSize(Snippets.CHARS))
                        .fields(EventFields.TITLE, f -> f.numberOfFragments(0)));
            }
            return s;
        });
        SearchResponse<JsonNode> response = index.call(() -> index.client().search(request, JsonNode.class));
        if (Boolean.TRUE.equals(response.timedOut())) {
            throw new QueryRejectedException("query did not finish within " + timeBudget.toMillis()
                    + " ms; narrow it with a time range or more specific terms");
        }
        long total = response.hits().total() == null ? 0 : response.hits().total().value();
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            hits.add(hit(hit));
        }
        return new SearchResult(total, hits, facets(response.aggregations()));
    }

    private static SearchResult.Hit hit(Hit<JsonNode> hit) {
        JsonNode doc = hit.source();
        if (doc == null) {
            throw new IllegalStateException("hit " + hit.id() + " came back without its source");
        }
        String snippet = snippet(hit.highlight());
        return new SearchResult.Hit(doc.path(EventFields.ID).asString(),
                Instant.ofEpochMilli(doc.path(EventFields.AT).asLong()), doc.path(EventFields.SOURCE).asString(),
                EventKind.valueOf(doc.path(EventFields.KIND).asString()), doc.path(EventFields.TITLE).asString(),
                snippet);
    }

    /** The text's best passage, else the title when only it has a match, as the embedded index chooses. */
    private static String snippet(Map<String, List<String>> highlight) {
        String text = first(highlight.get(EventFields.TEXT));
        String title = first(highlight.get(EventFields.TITLE));
        String snippet = text;
        if ((snippet == null || !snippet.contains("<mark>")) && title != null && title.contains("<mark>")) {
            snippet = title;
        }
        return snippet == null ? "" : Snippets.shorten(snippet);
    }

    private static String first(List<String> fragments) {
        return fragments == null || fragments.isEmpty() ? null : fragments.getFirst();
    }

    private static Map<String, Map<String, Long>> facets(Map<String, Aggregate> aggregations) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String facet : FACETS) {
            Map<String, Long> counts = new LinkedHashMap<>();
            Aggregate agg = aggregations.get(facet);
            if (agg != null && agg.isSterms()) {
                for (StringTermsBucket bucket : agg.sterms().buckets().array()) {
                    counts.put(bucket.key(), bucket.docCount());
                }
            }
            facets.put(facet, counts);
        }
        return facets;
    }

    private static Query withFilters(Query text, boolean matchAll, SearchQuery query, Set<String> hidden) {
        BoolQuery.Builder b = new BoolQuery.Builder();
        if (matchAll) {
            b.filter(text);
        } else {
            b.must(text);
        }
        if (query.from() != null || query.to() != null) {
            b.filter(f -> f.range(r -> {
                r.field(EventFields.AT);
                if (query.from() != null) {
                    r.gte(JsonData.of(query.from().toEpochMilli()));
                }
                if (query.to() != null) {
                    r.lte(JsonData.of(query.to().toEpochMilli()));
                }
                return r;
            }));
        }
        for (Map.Entry<String, Set<String>> filter : query.filters().entrySet()) {
            String field = filter.getKey();
            QueryRules.checkFilterField(field);
            if (filter.getValue().isEmpty()) {
                continue;
            }
            List<FieldValue> values = filter.getValue().stream()
                    .map(v -> FieldValue.of(QueryRules.filterValue(field, v)))
                    .toList();
            b.filter(f -> f.terms(t -> t.field(field).terms(v -> v.value(values))));
        }
        if (!hidden.isEmpty()) {
            List<FieldValue> keys = hidden.stream().map(FieldValue::of).toList();
            b.mustNot(f -> f.terms(t -> t.field(EventFields.INCIDENT).terms(v -> v.value(keys))));
        }
        return Query.of(q -> q.bool(b.build()));
    }

    /** Ties broken by sequence, the order events reached the embedded index in. */
    private static List<SortOptions> sort(SearchQuery.Sort order) {
        SortOptions bySeq = SortOptions.of(o -> o.field(f -> f.field(EventFields.SEQ).order(SortOrder.Asc)));
        SortOptions oldest = SortOptions.of(o -> o.field(f -> f.field(EventFields.AT).order(SortOrder.Asc)));
        return switch (order) {
            case RELEVANCE -> List.of(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))), oldest, bySeq);
            case NEWEST ->
                List.of(SortOptions.of(o -> o.field(f -> f.field(EventFields.AT).order(SortOrder.Desc))), bySeq);
            default -> List.of(oldest, bySeq);
        };
    }
}
