package dev.hindsight.search.internal.schema;

import dev.hindsight.core.store.ModuleSchema;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

/** The store's migrations: its SQL scripts and those written in Java, in one list for the application and tools. */
public final class SearchMigrations {

    /** Where the store's SQL scripts are. */
    public static final String LOCATION = "classpath:db/search";

    private SearchMigrations() {}

    /** The store's migrations written in Java, beside its scripts. */
    public static List<JavaMigration> java() {
        return List.of(new RekeyLineLogs(), new EventIdKeys());
    }

    /** Brings a database's store tables to this version, for a baseline that writes rows without the application. */
    public static void apply(DataSource database) {
        new ModuleMigrations(List.of(new ModuleSchema("search", LOCATION, 1, List.of())), Map.of("search", java()))
                .migrate(Flyway.configure().dataSource(database).load());
    }
}
