package dev.hindsight.search.internal.index;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/** Analysis of event text, shared by indexing, query parsing and highlighting so that all three agree. */
public final class EventAnalyzers {

    private EventAnalyzers() {}

    /**
     * English stemming without stop words (so "saturated" finds "saturation" and phrases stay exact), and keyword
     * fields taken verbatim, so that {@code host:db-1.east} in a query matches the stored value.
     */
    public static Analyzer create() {
        Map<String, Analyzer> keywords = new HashMap<>();
        KeywordAnalyzer verbatim = new KeywordAnalyzer();
        for (String field : EventFields.KEYWORDS) {
            keywords.put(field, verbatim);
        }
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(CharArraySet.EMPTY_SET), keywords);
    }
}
