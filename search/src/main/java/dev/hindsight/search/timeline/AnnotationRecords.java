package dev.hindsight.search.timeline;

import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.store.SearchableRecord;
import dev.hindsight.core.store.SearchableRecords;
import dev.hindsight.search.internal.store.EventKeys;
import dev.hindsight.search.internal.store.EventRows;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Notes people wrote on timeline entries, as the unified search finds them: under the entry they annotate. */
@Component
class AnnotationRecords implements SearchableRecords.Source {

    private final JdbcTemplate jdbc;
    private final SearchableRecords records;

    AnnotationRecords(JdbcTemplate jdbc, SearchableRecords records) {
        this.jdbc = jdbc;
        this.records = records;
    }

    @Override
    public void forEach(Consumer<SearchableRecord> sink) {
        List<Note> notes = jdbc.query("select incident_key, entry_id, note from entry_curation"
                + " where note is not null and note <> ''",
                (rs, i) -> new Note(rs.getString(1), rs.getString(2), rs.getString(3)));
        // the annotated events by key, a slice at a time: the event table has no index on the id itself (EventKeys)
        for (List<Note> slice : EventRows.chunks(notes)) {
            List<String> ids = slice.stream().map(Note::entryId).distinct().toList();
            Map<String, Entry> entries = new HashMap<>();
            jdbc.query("select id, title, occurred_at from event where " + EventKeys.in(ids.size()), rs -> {
                entries.put(rs.getString(1),
                        new Entry(rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
            }, EventKeys.args(ids));
            for (Note note : slice) {
                Entry entry = entries.get(note.entryId());
                if (entry != null) {
                    sink.accept(of(note.incidentKey(), note.entryId(), note.text(), entry.title(), entry.at()));
                }
            }
        }
    }

    private record Note(String incidentKey, String entryId, String text) {}

    private record Entry(String title, Instant at) {}

    /** Keeps the search in step with an entry's note (none removes it), once the transaction commits. */
    void changed(String incidentKey, StoredEvent entry, String note) {
        if (note == null || note.isBlank()) {
            records.remove(SearchableRecord.Type.ANNOTATION, id(incidentKey, entry.id()));
        } else {
            records.put(of(incidentKey, entry.id(), note, entry.event().title(), entry.event().occurredAt()));
        }
    }

    private static SearchableRecord of(String incidentKey, String entryId, String note, String entryTitle,
            Instant at) {
        return new SearchableRecord(SearchableRecord.Type.ANNOTATION, id(incidentKey, entryId), incidentKey,
                "Note on: " + entryTitle, note, at, "/incidents/" + incidentKey + "#e-" + entryId);
    }

    private static String id(String incidentKey, String entryId) {
        return incidentKey + "/" + entryId;
    }
}
