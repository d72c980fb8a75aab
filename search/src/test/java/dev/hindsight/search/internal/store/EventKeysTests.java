package dev.hindsight.search.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.search.internal.schema.RekeyLineLogs;
import dev.hindsight.search.internal.schema.SearchMigrations;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A store written by the release before keyed lookups (its tables at version 10, three events, one linked to an
 * incident): the upgrade keys every row, and H2 then finds events through the key's index and a window's incident
 * links through the time and link indexes, never by reading the whole event table, with every link kept.
 */
class EventKeysTests {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2014, 8, 12, 8, 20, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path data;

    @Test
    void anUpgradedStoreFindsEventsByTheKeysIndexAndKeepsTheirIncidents() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + data.resolve("db") + ";WRITE_DELAY=0");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations(SearchMigrations.LOCATION).table("schema_history_search")
                .javaMigrations(new RekeyLineLogs()).target("10").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        List<String> ids = List.of(store(jdbc, 1, "edge1 link down", 0), store(jdbc, 2, "edge1 link up", 60),
                store(jdbc, 3, "packet loss on edge1", 120));
        jdbc.update("insert into incident (incident_key, title, severity, status, starts_at, ends_at, restricted,"
                + " created_at, updated_at) values ('INC-1', 't', 'SEV2', 'ACTIVE', ?, ?, false, ?, ?)", T0, T0, T0,
                T0);
        jdbc.update("insert into incident_event (incident_key, event_id, attached_at) values ('INC-1', ?, ?)",
                ids.get(2), T0);

        SearchMigrations.apply(ds);

        Map<String, Long> keys = jdbc.query("select id, id_key from event", (rs, i) -> Map.entry(rs.getString(1),
                rs.getLong(2))).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(keys).hasSize(3).allSatisfy((id, key) -> assertThat(key).isEqualTo(EventKeys.of(id)));
        assertThat(jdbc.queryForObject("select count(*) from information_schema.table_constraints"
                + " where table_name = 'EVENT' and constraint_type = 'PRIMARY KEY'", Long.class)).isZero();
        assertThat(plan(jdbc, "select id from event where " + EventKeys.in(2),
                EventKeys.args(ids.subList(0, 2)))).contains("EVENT_ID_KEY_IDX");
        assertThat(plan(jdbc, EventRows.WINDOW_INCIDENTS, T0, T0.plusHours(1)))
                .contains("EVENT_OCCURRED_IDX", "INCIDENT_EVENT_EVENT_IDX");

        EventRows rows = new EventRows(jdbc);
        assertThat(rows.byIds(ids)).extracting(StoredEvent::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(rows.byId(ids.get(2)).orElseThrow().incidents()).containsExactly("INC-1");
        assertThat(rows.between(T0.toInstant(), T0.toInstant().plusSeconds(3600), 10).stream()
                .collect(Collectors.toMap(StoredEvent::id, StoredEvent::incidents)))
                .isEqualTo(Map.of(ids.get(0), Set.of(), ids.get(1), Set.of(), ids.get(2), Set.of("INC-1")));
        assertThat(rows.raw(ids.get(1))).isPresent();
    }

    private static String plan(JdbcTemplate jdbc, String sql, Object... args) {
        return String.join("\n", jdbc.queryForList("explain " + sql, String.class, args));
    }

    /** An event row as the release before wrote it: no key. */
    private static String store(JdbcTemplate jdbc, long seq, String title, int seconds) {
        String id = EventId.of("syslog", title);
        jdbc.update("insert into event (id, seq, source, dedup_key, kind, occurred_at, zone_assumed, ingested_at,"
                + " title, provider) values (?, ?, 'syslog', ?, 'LOG_LINE', ?, false, ?, ?, false)", id, seq, title,
                T0.plusSeconds(seconds), T0, title);
        return id;
    }
}
