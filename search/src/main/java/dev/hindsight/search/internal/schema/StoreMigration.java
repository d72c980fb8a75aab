package dev.hindsight.search.internal.schema;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A store migration written in Java: a version among the store's scripts, run in the migration's transaction. Its
 * checksum is its version, since the code, not a file, is what Flyway would otherwise have to hash.
 */
abstract class StoreMigration implements JavaMigration {

    private final int version;
    private final String description;

    StoreMigration(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() { return MigrationVersion.fromVersion(Integer.toString(version)); }

    @Override
    public String getDescription() { return description; }

    @Override
    public Integer getChecksum() { return version; }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
