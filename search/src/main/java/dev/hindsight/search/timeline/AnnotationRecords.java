package dev.hindsight.search.timeline;

import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.store.SearchableRecord;
import dev.hindsight.core.store.SearchableRecords;
import java.time.Instant;
import java.time.OffsetDateTime;
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
        jdbc.query("select c.incident_key, c.entry_id, c.note, e.title, e.occurred_at from entry_curation c"
                + " join event e on e.id = c.entry_id where c.note is not null and c.note <> ''",
                rs -> {
                    sink.accept(of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                });
    }

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
