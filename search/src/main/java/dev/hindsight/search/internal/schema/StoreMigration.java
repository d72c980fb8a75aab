package dev.hindsight.search.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** Runs one statement with these arguments. */
    static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    /** The one number a query answers (a count, a maximum). */
    static long number(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
