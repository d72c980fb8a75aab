package dev.hindsight.search.opensearch;

import dev.hindsight.core.store.QueryRejectedException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.SpanQuery;

/**
 * The bounded parser's query tree, said in OpenSearch's query DSL: one parser decides what a query means (and refuses
 * what is too expensive) for both engines, and this only restates its tree. Terms arrive already analysed, and the
 * cluster's index analyses text the same way (see the index template), so a term here matches exactly what it matches
 * in the embedded index.
 */
final class QueryTranslation {

    private QueryTranslation() {}

    static Query of(org.apache.lucene.search.Query query) {
        return switch (query) {
            case MatchAllDocsQuery all -> Query.of(q -> q.matchAll(m -> m));
            case MatchNoDocsQuery none -> nothing();
            case TermQuery term -> term(term.getTerm());
            case BooleanQuery bool -> bool(bool);
            case PhraseQuery phrase -> phrase(phrase);
            case MultiPhraseQuery multi -> multiPhrase(multi);
            case PrefixQuery prefix ->
                Query.of(q -> q.prefix(p -> p.field(prefix.getField()).value(prefix.getPrefix().text())));
            case WildcardQuery wildcard ->
                Query.of(q -> q.wildcard(w -> w.field(wildcard.getField()).value(wildcard.getTerm().text())));
            case RegexpQuery regexp ->
                Query.of(q -> q.regexp(r -> r.field(regexp.getField()).value(regexp.getRegexp().text())
                        .flags("ALL")));
            case FuzzyQuery fuzzy -> Query.of(q -> q.fuzzy(f -> f.field(fuzzy.getField())
                    .value(FieldValue.of(fuzzy.getTerm().text()))
                    .fuzziness(Integer.toString(fuzzy.getMaxEdits()))
                    .prefixLength(fuzzy.getPrefixLength())
                    .transpositions(fuzzy.getTranspositions())));
            case TermRangeQuery range -> range(range);
            case BoostQuery boost -> Query.of(q -> q.bool(b -> b.must(of(boost.getQuery())).boost(boost.getBoost())));
            case ConstantScoreQuery constant -> Query.of(q -> q.constantScore(c -> c.filter(of(constant.getQuery()))));
            default -> throw new QueryRejectedException("this query cannot run on OpenSearch: " + query);
        };
    }

    private static Query nothing() {
        return Query.of(q -> q.bool(b -> b.mustNot(Query.of(m -> m.matchAll(a -> a)))));
    }

    private static Query term(Term term) {
        return Query.of(q -> q.term(t -> t.field(term.field()).value(FieldValue.of(term.text()))));
    }

    /**
     * Lucene's occurs map one to one; a query of prohibitions only matches nothing in Lucene, and says so here too
     * (OpenSearch would match everything else).
     */
    private static Query bool(BooleanQuery bool) {
        BoolQuery.Builder b = new BoolQuery.Builder();
        boolean positive = false;
        for (BooleanClause clause : bool.clauses()) {
            Query q = of(clause.query());
            switch (clause.occur()) {
                case MUST -> b.must(q);
                case SHOULD -> b.should(q);
                case FILTER -> b.filter(q);
                case MUST_NOT -> b.mustNot(q);
            }
            positive |= clause.occur() != BooleanClause.Occur.MUST_NOT;
        }
        if (!positive) {
            return nothing();
        }
        if (bool.getMinimumNumberShouldMatch() > 0) {
            b.minimumShouldMatch(Integer.toString(bool.getMinimumNumberShouldMatch()));
        }
        return Query.of(q -> q.bool(b.build()));
    }

    /** Terms at their positions: a span of terms in order, the position gaps (and any slop) as the span's slop. */
    private static Query phrase(PhraseQuery phrase) {
        Term[] terms = phrase.getTerms();
        int[] positions = phrase.getPositions();
        if (terms.length == 0) {
            return nothing();
        }
        if (terms.length == 1) {
            return term(terms[0]);
        }
        List<SpanQuery> clauses = new ArrayList<>();
        for (Term t : terms) {
            clauses.add(SpanQuery.of(s -> s.spanTerm(st -> st.field(t.field()).value(t.text()))));
        }
        int gaps = positions[positions.length - 1] - positions[0] - (positions.length - 1);
        int slop = phrase.getSlop() + gaps;
        boolean inOrder = phrase.getSlop() == 0;
        return Query.of(q -> q.spanNear(n -> n.clauses(clauses).slop(slop).inOrder(inOrder)));
    }

    private static Query multiPhrase(MultiPhraseQuery multi) {
        Term[][] terms = multi.getTermArrays();
        int[] positions = multi.getPositions();
        List<SpanQuery> clauses = new ArrayList<>();
        for (Term[] alternatives : terms) {
            List<SpanQuery> either = new ArrayList<>();
            for (Term t : alternatives) {
                either.add(SpanQuery.of(s -> s.spanTerm(st -> st.field(t.field()).value(t.text()))));
            }
            clauses.add(SpanQuery.of(s -> s.spanOr(o -> o.clauses(either))));
        }
        int gaps = positions.length == 0 ? 0 : positions[positions.length - 1] - positions[0] - (positions.length - 1);
        int slop = multi.getSlop() + gaps;
        return Query.of(q -> q.spanNear(n -> n.clauses(clauses).slop(slop).inOrder(multi.getSlop() == 0)));
    }

    private static Query range(TermRangeQuery range) {
        return Query.of(q -> q.range(r -> {
            r.field(range.getField());
            if (range.getLowerTerm() != null) {
                JsonData lower = JsonData.of(range.getLowerTerm().utf8ToString());
                if (range.includesLower()) {
                    r.gte(lower);
                } else {
                    r.gt(lower);
                }
            }
            if (range.getUpperTerm() != null) {
                JsonData upper = JsonData.of(range.getUpperTerm().utf8ToString());
                if (range.includesUpper()) {
                    r.lte(upper);
                } else {
                    r.lt(upper);
                }
            }
            return r;
        }));
    }
}
