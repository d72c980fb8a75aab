package dev.hindsight.search.internal.cluster;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether other nodes may write to this database. The embedded H2 file is held by one process, so one node is all it
 * can have; PostgreSQL may be shared by any number of nodes, which then take turns to number their writes (see
 * {@link #lockSequence}) and follow each other's commits into their own index.
 */
public final class SharedDatabase {

    /** The advisory lock under which a write transaction numbers its rows: one number space for the cluster. */
    static final long SEQUENCE_LOCK = 0x48696e6473L; // "Hinds"

    private final JdbcTemplate jdbc;
    private final boolean shared;

    public SharedDatabase(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.shared = Boolean.TRUE.equals(jdbc.execute(
                (ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName().equals("PostgreSQL")));
    }

    public boolean shared() {
        return shared;
    }

    /**
     * Inside a write transaction on a shared database: waits for the cluster's sequence lock (held until this
     * transaction commits or rolls back) and returns the highest sequence committed by any node. Sequences are then
     * given out in commit order across nodes, so an index that reads past its last sequence never skips a row that
     * commits later with a lower one.
     */
    public long lockSequence() {
        jdbc.query("select pg_advisory_xact_lock(?)", rs -> {}, SEQUENCE_LOCK);
        Long max = jdbc.queryForObject("select coalesce(max(seq), 0) from event", Long.class);
        return max == null ? 0 : max;
    }
}
