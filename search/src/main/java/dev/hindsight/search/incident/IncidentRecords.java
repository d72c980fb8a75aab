package dev.hindsight.search.incident;

import dev.hindsight.core.store.SearchableRecord;
import dev.hindsight.core.store.SearchableRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Incidents as the unified search finds them: key, title, summary, scope and how they are filed. */
@Component
class IncidentRecords implements SearchableRecords.Source {

    private final IncidentRepository repository;
    private final SearchableRecords records;

    IncidentRecords(IncidentRepository repository, SearchableRecords records) {
        this.repository = repository;
        this.records = records;
    }

    @Override
    @Transactional(readOnly = true)
    public void forEach(Consumer<SearchableRecord> sink) {
        repository.findAll().forEach(i -> sink.accept(of(i.details())));
    }

    /** Keeps the search in step with an incident just written (applied when the transaction commits). */
    void changed(IncidentDetails details) {
        records.put(of(details));
    }

    static SearchableRecord of(IncidentDetails d) {
        var i = d.incident();
        List<String> lines = new ArrayList<>();
        add(lines, d.summary());
        add(lines, i.scope());
        add(lines, d.team());
        add(lines, d.causeCategory());
        d.services().stream().sorted().forEach(lines::add);
        d.tags().stream().sorted().forEach(lines::add);
        return new SearchableRecord(SearchableRecord.Type.INCIDENT, i.key(), i.key(), i.title(),
                String.join("\n", lines), i.from(), "/incidents/" + i.key());
    }

    private static void add(List<String> lines, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(value);
        }
    }
}
