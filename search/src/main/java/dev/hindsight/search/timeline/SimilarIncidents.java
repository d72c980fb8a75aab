package dev.hindsight.search.timeline;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.timeline.SimilarIncident;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.internal.index.EventFields;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.store.WindowRows;
import dev.hindsight.search.internal.visibility.Visibility;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.springframework.stereotype.Service;

/**
 * Other incidents that read like this one: Lucene's MoreLikeThis picks the distinctive terms of this incident's
 * events, finds events of other incidents that use them, and adds up the scores per incident; the reason names the
 * shared words and the services, hosts, sites and providers both incidents involve.
 */
@Service
class SimilarIncidents {

    /** Events of an incident read for its text and entities; the earliest ones, a big incident is cut here. */
    static final int EVENTS_READ = 2_000;
    static final int HITS_READ = 1_000;
    static final int MAX_TERMS = 30;
    static final int MIN_SHARED_WORDS = 2;

    private final IncidentCatalog incidents;
    private final Visibility visibility;
    private final WindowRows rows;
    private final LuceneIndex index;

    SimilarIncidents(IncidentCatalog incidents, Visibility visibility, WindowRows rows, LuceneIndex index) {
        this.incidents = incidents;
        this.visibility = visibility;
        this.rows = rows;
        this.index = index;
    }

    /** Incidents the viewer may see that read like this one; only events the viewer may see are read. */
    List<SimilarIncident> of(IncidentSummary incident, Viewer viewer, int limit) {
        Set<String> hidden = visibility.hiddenFrom(viewer);
        List<StoredEvent> own = firstEvents(incident.key(), hidden);
        if (own.isEmpty()) {
            return List.of();
        }
        String text = String.join("\n", own.stream().map(e -> e.event().title()).toList());
        Map<String, String> surfaceOf = surfaceWords(index.analyzer(), text);
        Map<String, Double> scores = new HashMap<>();
        Map<String, Set<String>> words = new HashMap<>();
        index.withSearcher(searcher -> {
            try {
                collect(searcher, incident.key(), hidden, text, surfaceOf, scores, words);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        Set<String> ownEntities = entities(own);
        List<SimilarIncident> result = new ArrayList<>();
        scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(1, Math.min(limit, 20)))
                .forEach(s -> incidents.find(s.getKey(), viewer).ifPresent(other -> {
                    List<String> sharedWords = List.copyOf(new TreeSet<>(words.getOrDefault(other.key(), Set.of())));
                    Set<String> shared = new TreeSet<>(ownEntities);
                    shared.retainAll(entities(firstEvents(other.key(), hidden)));
                    if (sharedWords.size() < MIN_SHARED_WORDS && shared.isEmpty()) {
                        return; // one common word is chance, not similarity
                    }
                    result.add(new SimilarIncident(other.key(), other.title(), other,
                            Math.round(s.getValue() * 100) / 100.0,
                            sharedWords, List.copyOf(shared), reason(incident, other, sharedWords, shared)));
                }));
        return result;
    }

    private void collect(IndexSearcher searcher, String key, Set<String> hidden, String text,
            Map<String, String> surfaceOf,
            Map<String, Double> scores, Map<String, Set<String>> words) throws IOException {
        MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
        mlt.setAnalyzer(index.analyzer());
        mlt.setFieldNames(new String[]{EventFields.TITLE});
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(1);
        mlt.setMaxQueryTerms(MAX_TERMS);
        mlt.setMinWordLen(3);
        mlt.setStopWords(org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        Query like = mlt.like(EventFields.TITLE, new StringReader(text));
        Set<String> interesting = Set.of(mlt.retrieveInterestingTerms(new StringReader(text), EventFields.TITLE));
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(like, Occur.MUST)
                .add(new FieldExistsQuery(EventFields.INCIDENT), Occur.FILTER)
                .add(new TermQuery(new Term(EventFields.INCIDENT, key)), Occur.MUST_NOT);
        hidden.forEach(h -> query.add(new TermQuery(new Term(EventFields.INCIDENT, h)), Occur.MUST_NOT));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (ScoreDoc hit : searcher.search(query.build(), HITS_READ).scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), EventFields.INCIDENT);
            if (!values.advanceExact(hit.doc - leaf.docBase)) {
                continue;
            }
            String title = searcher.storedFields().document(hit.doc).get(EventFields.TITLE);
            Set<String> matched = new LinkedHashSet<>();
            surfaceWords(index.analyzer(), title == null ? "" : title).keySet().stream()
                    .filter(interesting::contains).map(surfaceOf::get).forEach(matched::add);
            for (int i = 0; i < values.docValueCount(); i++) {
                String incident = values.lookupOrd(values.nextOrd()).utf8ToString();
                if (!incident.equals(key) && !hidden.contains(incident)) {
                    scores.merge(incident, (double) hit.score, Double::sum);
                    words.computeIfAbsent(incident, k -> new TreeSet<>()).addAll(matched);
                }
            }
        }
    }

    private List<StoredEvent> firstEvents(String key, Set<String> hidden) {
        return rows.attachedTo(key).stream().filter(e -> Collections.disjoint(e.incidents(), hidden))
                .sorted(Comparator.comparing((StoredEvent e) -> e.event().occurredAt()).thenComparing(StoredEvent::id))
                .limit(EVENTS_READ).toList();
    }

    /** Analysed term -> the first word of the text it came from, so reasons show words, not stems. */
    private static Map<String, String> surfaceWords(Analyzer analyzer, String text) {
        Map<String, String> surface = new LinkedHashMap<>();
        try (TokenStream tokens = analyzer.tokenStream(EventFields.TITLE, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                surface.putIfAbsent(term.toString(),
                        text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT));
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return surface;
    }

    /** Services, hosts, sites and providers an incident's events name. */
    private static Set<String> entities(List<StoredEvent> events) {
        Set<String> found = new TreeSet<>();
        for (StoredEvent stored : events) {
            Event e = stored.event();
            Stream.of(prefixed("service ", e.service()), prefixed("host ", e.host()), prefixed("site ", e.location()),
                    e.provider() ? prefixed("provider ", e.labels().getOrDefault("provider", e.source())) : null)
                    .filter(x -> x != null).forEach(found::add);
        }
        return found;
    }

    private static @org.jspecify.annotations.Nullable String prefixed(String prefix,
            @org.jspecify.annotations.Nullable String value) {
        return value == null || value.isBlank() ? null : prefix + value;
    }

    private static String reason(IncidentSummary incident, IncidentSummary other, List<String> words,
            Set<String> entities) {
        StringBuilder sb = new StringBuilder(
                other.from().isBefore(incident.from()) ? "earlier incident" : "later incident");
        if (!words.isEmpty()) {
            sb.append("; its events use the same words: ").append(String.join(", ", words.stream().limit(8).toList()));
        }
        if (!entities.isEmpty()) {
            sb.append("; both involve ").append(String.join(", ", entities.stream().limit(6).toList()));
        }
        return sb.toString();
    }
}
