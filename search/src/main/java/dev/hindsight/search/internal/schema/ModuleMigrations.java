package dev.hindsight.search.internal.schema;

import dev.hindsight.core.store.ModuleSchema;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migrates every module's own schema, each from its own location into its own history table, in module order (a
 * module whose tables reference another's comes after it). A database of an earlier release, with one history table
 * shared by all modules, starts each module from the versions of its scripts that table records.
 */
public final class ModuleMigrations implements FlywayMigrationStrategy {

    /** The history table earlier releases shared between modules. */
    static final String LEGACY_HISTORY = "flyway_schema_history";

    private final List<ModuleSchema> schemas;
    private final Map<String, List<JavaMigration>> javaMigrations;

    /** @param javaMigrations migrations written in Java, by module, beside its SQL scripts */
    public ModuleMigrations(List<ModuleSchema> schemas, Map<String, List<JavaMigration>> javaMigrations) {
        this.schemas = schemas.stream().sorted(Comparator.comparingInt(ModuleSchema::order)).toList();
        this.javaMigrations = Map.copyOf(javaMigrations);
    }

    @Override
    public void migrate(Flyway configured) {
        Configuration base = configured.getConfiguration();
        Set<String> legacy = legacyVersions(base.getDataSource());
        for (ModuleSchema schema : schemas) {
            Flyway.configure().configuration(base).locations(schema.location()).table(schema.historyTable())
                    .javaMigrations(javaMigrations.getOrDefault(schema.module(), List.of())
                            .toArray(JavaMigration[]::new))
                    .baselineOnMigrate(true).baselineVersion(Integer.toString(reached(schema, legacy)))
                    .baselineDescription("from the shared history of an earlier release").load().migrate();
        }
    }

    /** How many of the module's scripts the shared history of an earlier release applied (0 for a new database). */
    static int reached(ModuleSchema schema, Set<String> legacy) {
        int reached = 0;
        for (int i = 0; i < schema.legacyVersions().size(); i++) {
            if (legacy.contains(schema.legacyVersions().get(i))) {
                reached = i + 1;
            }
        }
        return reached;
    }

    private static Set<String> legacyVersions(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        boolean exists = Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) -> {
            for (String name : List.of(LEGACY_HISTORY, LEGACY_HISTORY.toUpperCase(Locale.ROOT))) {
                try (var tables = c.getMetaData().getTables(null, null, name, null)) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        }));
        if (!exists) {
            return Set.of();
        }
        return jdbc.queryForList("select \"version\" from \"" + LEGACY_HISTORY + "\" where \"success\" = true",
                String.class).stream().filter(v -> v != null).collect(Collectors.toSet());
    }
}
