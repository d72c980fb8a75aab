package dev.hindsight.reporting.actions;

import dev.hindsight.core.store.SearchableRecord;
import dev.hindsight.core.store.SearchableRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/** Action items as the unified search finds them: title, the lesson behind it, owner, team and tracker key. */
@Component
class ActionItemRecords implements SearchableRecords.Source {

    private final ActionItemRows rows;

    ActionItemRecords(ActionItemRows rows) {
        this.rows = rows;
    }

    @Override
    public void forEach(Consumer<SearchableRecord> sink) {
        rows.list(ActionItems.Filter.ALL, Set.of()).forEach(item -> sink.accept(of(item)));
    }

    static SearchableRecord of(ActionItem item) {
        List<String> text = new ArrayList<>();
        for (String s : new String[]{item.lesson(), item.owner(), item.team(), item.trackerKey()}) {
            if (s != null && !s.isBlank()) {
                text.add(s);
            }
        }
        text.add(item.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        return new SearchableRecord(SearchableRecord.Type.ACTION_ITEM, Long.toString(item.id()), item.incidentKey(),
                item.title(), String.join("\n", text), item.createdAt(),
                "/incidents/" + item.incidentKey() + "/postmortem#item-" + item.id());
    }
}
