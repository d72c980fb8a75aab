package dev.hindsight.search.query;

import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.search.index.EventFields;
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
final class BoundedQueryParser {

    static final int MAX_QUERY_LENGTH = 2_000;
    static final int MAX_REGEXP_LENGTH = 100;
    /** Determinization budget for regular expressions (states), well below Lucene's default. */
    static final int REGEXP_WORK_LIMIT = 2_000;
    static final int MIN_PREFIX = 2;

    private final Analyzer analyzer;

    BoundedQueryParser(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    Query parse(String text) {
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
                // determinize up front within a small budget: a query whose automaton explodes is refused here,
                // before it costs the searcher anything
                Operations.determinize(new RegExp(regexp.text(), RegExp.ALL).toAutomaton(), REGEXP_WORK_LIMIT);
                return new RegexpQuery(regexp, RegExp.ALL, 0, RegexpQuery.DEFAULT_PROVIDER, REGEXP_WORK_LIMIT,
                        getMultiTermRewriteMethod(), true);
            } catch (TooComplexToDeterminizeException e) {
                throw new QueryRejectedException("regular expression /" + regexp.text() + "/ is too complex", e);
            } catch (IllegalArgumentException e) {
                throw new QueryRejectedException("invalid regular expression /" + regexp.text() + "/: "
                        + e.getMessage(), e);
            }
        }
    }
}
