package dev.hindsight.search.internal.query;

import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.search.internal.index.EventFields;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Lucene's classic query syntax with the expensive corners closed: no leading wildcards, short prefixes or runaway
 * regular expressions, and a cap on query length and clause count. Every refusal names its reason.
 */
public final class BoundedQueryParser {

    static final int MAX_QUERY_LENGTH = 2_000;
    static final int MAX_REGEXP_LENGTH = 100;
    /** Determinization budget for regular expressions (states), well below Lucene's default. */
    static final int REGEXP_WORK_LIMIT = 2_000;
    static final int MIN_PREFIX = 2;
    /** States a regular expression's automaton may be built with before determinization. */
    static final long MAX_REGEXP_STATES = 10_000;

    private final Analyzer analyzer;

    public BoundedQueryParser(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    public Query parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equals("*") || trimmed.equals("*:*")) {
            return new MatchAllDocsQuery();
        }
        if (trimmed.length() > MAX_QUERY_LENGTH) {
            throw new QueryRejectedException(
                    "query is " + trimmed.length() + " characters long; the limit is " + MAX_QUERY_LENGTH);
        }
        Parser parser = new Parser(analyzer);
        try {
            return parser.parse(trimmed);
        } catch (ParseException e) {
            throw new QueryRejectedException("cannot parse query: " + firstLine(e.getMessage()), e);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new QueryRejectedException(
                    "query has too many clauses (limit " + IndexSearcher.getMaxClauseCount() + ")", e);
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static final class Parser extends QueryParser {
        Parser(Analyzer analyzer) {
            super(EventFields.CONTENT, analyzer);
            setAllowLeadingWildcard(false);
            setDefaultOperator(Operator.AND);
            setSplitOnWhitespace(true);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            int literal = 0;
            while (literal < termStr.length() && termStr.charAt(literal) != '*' && termStr.charAt(literal) != '?') {
                literal++;
            }
            if (literal < MIN_PREFIX) {
                throw new ParseException("wildcard '" + termStr + "' needs at least " + MIN_PREFIX
                        + " letters before the first * or ?");
            }
            return super.getWildcardQuery(field, termStr);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            if (termStr.length() < MIN_PREFIX) {
                throw new ParseException("prefix '" + termStr + "*' needs at least " + MIN_PREFIX + " letters");
            }
            return super.getPrefixQuery(field, termStr);
        }

        @Override
        protected Query newRegexpQuery(Term regexp) {
            if (regexp.text().length() > MAX_REGEXP_LENGTH) {
                throw new QueryRejectedException("regular expression is longer than " + MAX_REGEXP_LENGTH
                        + " characters");
            }
            try {
                RegExp parsed = new RegExp(regexp.text(), RegExp.ALL);
                // counted repeats build their automaton by copying (/[a-z]{1,1000}{1,1000}/ is a million copies), so
                // the size is bounded before anything is built; then determinize within a small budget: a query
                // whose automaton explodes is refused here, before it costs the searcher anything
                if (statesBound(parsed) > MAX_REGEXP_STATES) {
                    throw new QueryRejectedException("regular expression /" + regexp.text() + "/ is too complex: "
                            + "its repeats would build more than " + MAX_REGEXP_STATES + " states");
                }
                Operations.determinize(parsed.toAutomaton(), REGEXP_WORK_LIMIT);
                return new RegexpQuery(regexp, RegExp.ALL, 0, RegexpQuery.DEFAULT_PROVIDER, REGEXP_WORK_LIMIT,
                        getMultiTermRewriteMethod(), true);
            } catch (TooComplexToDeterminizeException e) {
                throw new QueryRejectedException("regular expression /" + regexp.text() + "/ is too complex", e);
            } catch (IllegalArgumentException e) {
                throw new QueryRejectedException("invalid regular expression /" + regexp.text() + "/: "
                        + e.getMessage(), e);
            }
        }

        /** An upper bound of the states the regexp's automaton is built with (saturating at Long.MAX_VALUE). */
        private static long statesBound(RegExp r) {
            return switch (r.kind) {
                case REGEXP_UNION, REGEXP_CONCATENATION, REGEXP_INTERSECTION ->
                    plus(statesBound(r.exp1), statesBound(r.exp2));
                case REGEXP_OPTIONAL, REGEXP_REPEAT, REGEXP_COMPLEMENT, REGEXP_DEPRECATED_COMPLEMENT ->
                    plus(statesBound(r.exp1), 1);
                case REGEXP_REPEAT_MIN -> times(statesBound(r.exp1), r.min + 1L);
                case REGEXP_REPEAT_MINMAX -> times(statesBound(r.exp1), Math.max(r.min, r.max) + 1L);
                case REGEXP_STRING -> r.s.length() + 1L;
                case REGEXP_INTERVAL -> 10L * r.digits + 2;
                default -> 2;
            };
        }

        private static long plus(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }

        private static long times(long a, long b) {
            long product = a * b;
            return (a != 0 && product / a != b) || product < 0 ? Long.MAX_VALUE : product;
        }
    }
}
