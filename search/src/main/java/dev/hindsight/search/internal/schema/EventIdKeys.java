package dev.hindsight.search.internal.schema;

import dev.hindsight.search.internal.store.EventKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every event row the indexed key of its id ({@link EventKeys}). On H2 the key's index then replaces the
 * primary key on the id, and with it the foreign key from incident links to events: H2 rewrote a page of that index
 * for nearly every new event at each commit. The store keeps ids unique (it looks them up under its write lock before
 * inserting, and an H2 file has one writing process), and only the store adds events or links them to incidents.
 * PostgreSQL keeps both keys.
 */
public final class EventIdKeys extends StoreMigration {

    private static final Logger log = LoggerFactory.getLogger(EventIdKeys.class);
    private static final int PAGE = 10_000;

    public EventIdKeys() {
        super(11, "index events by a 64-bit key of their id");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        long stored = number(c, "select count(*) from event");
        if (stored > 0) { // about 50 s per million events on H2: say so, and how far it is
            log.info("Upgrading the event table: keying {} stored events by their id, once", stored);
        }
        update(c, "alter table event add column id_key bigint");
        keyStoredRows(c, stored);
        update(c, "alter table event alter column id_key set not null");
        if (c.getMetaData().getDatabaseProductName().equals("H2")) {
            for (String[] foreignKey : foreignKeysToEvents(c)) {
                update(c, "alter table \"" + foreignKey[0] + "\" drop constraint \"" + foreignKey[1] + "\"");
            }
            update(c, "alter table event drop primary key");
            update(c, "create index event_id_key_idx on event (id_key)");
        }
        if (stored > 0) {
            log.info("Upgraded the event table: {} events keyed", stored);
        }
    }

    /** Page by page in sequence order, while the id is still indexed, logging each tenth of {@code stored}. */
    private static void keyStoredRows(Connection c, long stored) throws SQLException {
        long keyed = 0;
        long nextReport = stored / 10;
        long after = Long.MIN_VALUE;
        try (PreparedStatement page = c.prepareStatement(
                "select id, seq from event where seq > ? order by seq fetch first " + PAGE + " rows only");
                PreparedStatement update = c.prepareStatement("update event set id_key = ? where id = ?")) {
            while (true) {
                List<String> ids = new ArrayList<>();
                page.setLong(1, after);
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                        after = rs.getLong(2);
                    }
                }
                if (ids.isEmpty()) {
                    return;
                }
                for (String id : ids) {
                    update.setLong(1, EventKeys.of(id));
                    update.setString(2, id);
                    update.addBatch();
                }
                update.executeBatch();
                keyed += ids.size();
                if (stored >= 10 * PAGE && keyed >= nextReport && keyed < stored) {
                    log.info("Keyed {} of {} stored events", keyed, stored);
                    nextReport += stored / 10;
                }
            }
        }
    }

    /** Table and name of each foreign key that references the event table's primary key. */
    private static List<String[]> foreignKeysToEvents(Connection c) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select fk.table_name, fk.constraint_name"
                        + " from information_schema.referential_constraints rc"
                        + " join information_schema.table_constraints fk on fk.constraint_schema = rc.constraint_schema"
                        + " and fk.constraint_name = rc.constraint_name"
                        + " join information_schema.table_constraints pk"
                        + " on pk.constraint_schema = rc.unique_constraint_schema"
                        + " and pk.constraint_name = rc.unique_constraint_name"
                        + " where pk.table_name = 'EVENT'")) {
            while (rs.next()) {
                keys.add(new String[]{rs.getString(1), rs.getString(2)});
            }
        }
        return keys;
    }

}
