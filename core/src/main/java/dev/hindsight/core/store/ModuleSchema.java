package dev.hindsight.core.store;

/**
 * A module's own database migrations: its Flyway scripts under {@code location}, its own history table, applied in
 * {@code order} (a module whose tables reference another's comes after it).
 *
 * @param legacyVersions versions of the one shared history table of earlier releases that were this module's scripts,
 *     in the order of this module's own versions (1, 2, ...), so an existing database starts from where it is
 */
public record ModuleSchema(String module, String location, int order, java.util.List<String> legacyVersions) {

    public ModuleSchema {
        legacyVersions = java.util.List.copyOf(legacyVersions);
    }

    /** The module's history table. */
    public String historyTable() {
        return "schema_history_" + module;
    }
}
