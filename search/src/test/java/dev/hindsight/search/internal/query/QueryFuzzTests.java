package dev.hindsight.search.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.search.internal.index.EventAnalyzers;
import dev.hindsight.search.internal.index.EventDocuments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The query builder, fed arbitrary text (wildcards, regexps, fuzzy terms, ranges, deep nesting): it either refuses
 * the query with a {@link QueryRejectedException} or builds one that runs over a small index well inside the 2 s
 * budget. Anything else (a parser crash, a stack overflow, an exploding automaton) is a finding. CI replays the
 * committed hostile queries under {@code QueryFuzzTestsInputs/}; {@code JAZZER_FUZZ=1} searches for new ones.
 */
class QueryFuzzTests {

    private static final Analyzer ANALYZER = EventAnalyzers.create();
    private static final IndexSearcher SEARCHER = smallIndex();

    @FuzzTest(maxDuration = "60s")
    void queryText(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        Query query;
        try {
            query = new BoundedQueryParser(ANALYZER).parse(text);
        } catch (QueryRejectedException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
            return;
        }
        long started = System.nanoTime();
        try {
            SEARCHER.count(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("query '%s' runs inside the budget", text)
                .isLessThan(Duration.ofSeconds(2));
    }

    private static IndexSearcher smallIndex() {
        try {
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(ANALYZER))) {
                String[] titles = {"LastPass vault login failures", "Provider network maintenance in Virginia",
                        "FIRING: HighErrorRate api-gateway", "RESOLVED: disk /var 95% on db1",
                        "status page update: investigating"};
                for (int i = 0; i < titles.length; i++) {
                    Event event = Event
                            .builder("fuzz", EventKind.ALERT_FIRING,
                                    Instant.parse("2014-08-12T08:00:00Z").plusSeconds(60L * i), titles[i])
                            .host("web" + i).service("vault").text("details of " + titles[i]).build();
                    writer.addDocument(EventDocuments
                            .toDocument(new StoredEvent("ev_" + i, i + 1, Instant.now(), event, Set.of())));
                }
            }
            return new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
