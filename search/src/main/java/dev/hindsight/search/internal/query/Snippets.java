package dev.hindsight.search.internal.query;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.ArrayList;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.document.Document;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/** Highlighted snippets of hits, the same for events and for records people wrote. */
public final class Snippets {

    /** Longest snippet shown. */
    public static final int CHARS = 240;

    private Snippets() {}

    /** Longest stretch of a field the highlighter reads. */
    static final int MAX_LENGTH = 10_000;

    /** Best passage of the text (else the title) with matches in {@code <mark>}, everything else HTML-escaped. */
    public static Map<Integer, String> of(IndexSearcher searcher, Analyzer analyzer, Query textQuery, ScoreDoc[] page,
            String textField, String titleField) throws IOException {
        return of(searcher, analyzer, textQuery, page, textField, titleField, null);
    }

    /**
     * As {@link #of(IndexSearcher, Analyzer, Query, ScoreDoc[], String, String)}, with the hits' stored documents
     * already read by the caller: the highlighter takes the fields from them instead of reading and decompressing each
     * document a second time.
     */
    public static Map<Integer, String> of(IndexSearcher searcher, Analyzer analyzer, Query textQuery, ScoreDoc[] page,
            String textField, String titleField, @Nullable Map<Integer, Document> loaded) throws IOException {
        int[] docIds = new int[page.length];
        for (int i = 0; i < page.length; i++) {
            docIds[i] = page[i].doc;
        }
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withFieldMatcher(field -> true) // queries name the catch-all field; mark the stored fields
                .withMaxNoHighlightPassages(1)
                .withMaxLength(MAX_LENGTH);
        UnifiedHighlighter highlighter = new FromLoaded(builder, loaded, fieldInfos(searcher.getIndexReader()));
        String[] fields = {textField, titleField};
        Map<String, String[]> highlighted = highlighter.highlightFields(fields, textQuery, docIds, new int[]{1, 1});
        Map<Integer, String> snippets = new LinkedHashMap<>();
        String[] text = highlighted.get(textField);
        String[] title = highlighted.get(titleField);
        for (int i = 0; i < docIds.length; i++) {
            String snippet = text[i];
            if ((snippet == null || !snippet.contains("<mark>")) && title[i] != null && title[i].contains("<mark>")) {
                snippet = title[i];
            }
            snippets.put(docIds[i], snippet == null ? "" : shorten(snippet));
        }
        return snippets;
    }

    /** The reader whose fields were last merged, and its merged fields; replaced when the index is refreshed. */
    private record Merged(IndexReader reader, FieldInfos fieldInfos) {}

    private static volatile @Nullable Merged merged;

    /**
     * The reader's fields across its segments. A highlighter merges them once per instance, that is once per search
     * (about 4% of a search through the API, more with more segments); they change only with the reader.
     */
    private static FieldInfos fieldInfos(IndexReader reader) {
        Merged last = merged;
        if (last == null || last.reader() != reader) {
            last = new Merged(reader, FieldInfos.getMergedFieldInfos(reader));
            merged = last;
        }
        return last.fieldInfos();
    }

    /** A highlighter with the reader's fields already merged, reading field values from documents already loaded. */
    private static final class FromLoaded extends UnifiedHighlighter {

        private final @Nullable Map<Integer, Document> loaded;

        FromLoaded(UnifiedHighlighter.Builder builder, @Nullable Map<Integer, Document> loaded, FieldInfos fields) {
            super(builder);
            this.loaded = loaded;
            this.fieldInfos = fields;
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter,
                int cacheCharsThreshold) throws IOException {
            Map<Integer, Document> loaded = this.loaded;
            if (loaded == null) {
                return super.loadFieldValues(fields, docIter, cacheCharsThreshold);
            }
            List<CharSequence[]> values = new ArrayList<>();
            for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
                Document document = loaded.get(doc);
                CharSequence[] forDoc = new CharSequence[fields.length];
                for (int f = 0; f < fields.length; f++) {
                    String value = document == null ? null : document.get(fields[f]);
                    forDoc[f] = value == null
                            ? ""
                            : value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
                }
                values.add(forDoc);
            }
            return values;
        }
    }

    /** Cuts a marked-up snippet to {@link #CHARS} around its first mark, never inside a tag or an entity. */
    public static String shorten(String snippet) {
        if (snippet.length() <= CHARS) {
            return snippet;
        }
        int mark = snippet.indexOf("<mark>");
        int start = mark > CHARS / 2 ? snippet.lastIndexOf(' ', mark - CHARS / 3) : 0;
        start = Math.max(0, start);
        int end = Math.min(snippet.length(), start + CHARS);
        // never cut inside a tag or an entity
        int lastOpen = snippet.lastIndexOf('<', end);
        if (lastOpen > snippet.lastIndexOf('>', end - 1) && lastOpen >= start) {
            int close = snippet.indexOf('>', lastOpen);
            end = close < 0 ? lastOpen : close + 1;
        }
        int amp = snippet.lastIndexOf('&', end - 1);
        if (amp >= start && snippet.indexOf(';', amp) >= end) {
            end = amp;
        }
        String cut = snippet.substring(start, end);
        if (cut.lastIndexOf("<mark>") > cut.lastIndexOf("</mark>")) {
            cut += "</mark>";
        }
        return (start > 0 ? "… " : "") + cut + (end < snippet.length() ? " …" : "");
    }
}
