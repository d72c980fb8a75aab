package dev.hindsight.core.store;

import java.util.function.Consumer;

/**
 * Where the writers of records people search (incidents, post-mortems, action items, notes, comments) keep the search
 * up to date. The database stays the source of truth: a change reaches the search once its transaction commits, and
 * the search can always be rebuilt from the {@link Source}s.
 */
public interface SearchableRecords {

    /** Adds or replaces the record (by type and id) once the current transaction, if any, commits. */
    void put(SearchableRecord record);

    /** Removes the record once the current transaction, if any, commits. */
    void remove(SearchableRecord.Type type, String id);

    /** Every record of one kind, as the database holds it now: what a rebuild of the search reads. */
    interface Source {

        void forEach(Consumer<SearchableRecord> sink);
    }
}
