package dev.hindsight.search.internal.index;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.StoredEvent;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.jspecify.annotations.Nullable;

/** Maps a stored event to its Lucene document. */
public final class EventDocuments {

    /**
     * The document layout, kept in each index commit; an index written with another layout is rebuilt from the
     * database when it is opened. 2: title and text carry offsets in their postings.
     */
    public static final String SCHEMA = "2";

    /**
     * Analysed and stored, with offsets in the postings: the highlighter reads match positions from the index
     * instead of analysing every hit's text again (that re-analysis was about half of a search's time).
     */
    private static final FieldType HIGHLIGHTED = highlighted();

    private EventDocuments() {}

    private static FieldType highlighted() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    public static Document toDocument(StoredEvent stored) {
        Event e = stored.event();
        Document doc = new Document();
        // exact match, and the term updateDocument replaces by: re-indexing an event is idempotent
        doc.add(new KeywordField(EventFields.ID, stored.id(), Field.Store.YES));
        // point for catch-up ranges, doc values for the database/index comparison of `check`
        doc.add(new LongField(EventFields.SEQ, stored.sequence(), Field.Store.NO));
        // point for time-range filters, doc values for sorting and histograms, stored for hits
        doc.add(new LongField(EventFields.AT, e.occurredAt().toEpochMilli(), Field.Store.YES));
        // keyword fields: exact filters, and their doc values feed the facet counts
        doc.add(new KeywordField(EventFields.SOURCE, e.source(), Field.Store.YES));
        doc.add(new KeywordField(EventFields.KIND, e.kind().name(), Field.Store.YES));
        keyword(doc, EventFields.SERVICE, e.service());
        keyword(doc, EventFields.HOST, e.host());
        keyword(doc, EventFields.SEVERITY, e.severity());
        keyword(doc, EventFields.LOCATION, e.location());
        keyword(doc, EventFields.ACTOR, e.actor());
        // multi-valued: restricted-incident visibility filters on it at query time
        for (String incident : stored.incidents()) {
            doc.add(new KeywordField(EventFields.INCIDENT, incident, Field.Store.NO));
        }
        for (Map.Entry<String, String> label : e.labels().entrySet()) {
            doc.add(new KeywordField(EventFields.LABEL, label.getKey() + "=" + label.getValue(), Field.Store.NO));
        }
        doc.add(new Field(EventFields.TITLE, e.title(), HIGHLIGHTED));
        if (e.text() != null) {
            doc.add(new Field(EventFields.TEXT, e.text(), HIGHLIGHTED));
        }
        doc.add(new TextField(EventFields.CONTENT, content(e), Field.Store.NO));
        return doc;
    }

    private static void keyword(Document doc, String field, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new KeywordField(field, value, Field.Store.NO));
        }
    }

    /** Everything a free-text query should find an event by (the catch-all field, here and on OpenSearch). */
    public static String content(Event e) {
        StringBuilder sb = new StringBuilder(e.title());
        append(sb, e.text());
        append(sb, e.actor());
        append(sb, e.service());
        append(sb, e.host());
        append(sb, e.location());
        e.labels().values().forEach(v -> append(sb, v));
        return sb.toString();
    }

    private static void append(StringBuilder sb, @Nullable String value) {
        if (value != null) {
            sb.append('\n').append(value);
        }
    }
}
