package dev.hindsight.search.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.EventId;
import dev.hindsight.core.store.ModuleSchema;
import dev.hindsight.search.internal.index.EventAnalyzers;
import dev.hindsight.search.internal.index.EventFields;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.search.internal.store.RawPayloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A data directory of the release before the contract's line key: the same syslog lines stored twice (from the file
 * and from a zipped copy), one of the copies attached to an incident and curated. The upgrade merges the copies into
 * the lines first stored, keeps the incident and the curation, keeps a line really written twice as two, and the index
 * drops the old ids when it opens.
 */
class RekeyLineLogsTests {

    @TempDir
    Path data;

    @Test
    void copiesOfTheSameLinesMergeIntoOneAndKeepTheirIncidentAndCuration() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + data.resolve("db") + ";WRITE_DELAY=0");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/search").table("schema_history_search").target("5")
                .load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        String line = "Aug 12 08:20:00 edge1 kernel: eth0 link down";
        List<String> stored = List.of(
                store(jdbc, 1, "logs/syslog#1", line), store(jdbc, 2, "logs/syslog#2", line), // written twice
                store(jdbc, 3, "copy.zip#var/log/messages#1", line),
                store(jdbc, 4, "copy.zip#var/log/messages#2", line));
        jdbc.update("insert into incident (incident_key, title, severity, status, starts_at, ends_at, restricted,"
                + " created_at, updated_at) values ('INC-1', 't', 'SEV2', 'ACTIVE', ?, ?, false, ?, ?)", T0, T0, T0,
                T0);
        jdbc.update("insert into incident_event (incident_key, event_id, attached_at) values ('INC-1', ?, ?)",
                stored.get(2), T0);
        jdbc.update("insert into entry_curation (incident_key, entry_id, pinned, hidden, updated_by, updated_at)"
                + " values ('INC-1', ?, true, false, 'maria', ?)", stored.get(2), T0);
        try (LuceneIndex index = new LuceneIndex(data.resolve("index"), EventAnalyzers.create(),
                new EventRows(jdbc), 16)) {
            index.open(Duration.ofSeconds(1), Duration.ofSeconds(5)); // the old ids, indexed
        }

        new ModuleMigrations(List.of(new ModuleSchema("search", "classpath:db/search", 1, List.of())),
                Map.of("search", List.of(new RekeyLineLogs()))).migrate(Flyway.configure().dataSource(ds).load());

        List<String> keys = jdbc.queryForList("select dedup_key from event order by seq", String.class);
        assertThat(keys).containsExactly("edge1|2014-08-12T08:20:00Z|" + hash(line) + "|1",
                "edge1|2014-08-12T08:20:00Z|" + hash(line) + "|2");
        String first = EventId.of("syslog", keys.getFirst());
        assertThat(jdbc.queryForList("select event_id from incident_event", String.class)).containsExactly(first);
        assertThat(jdbc.queryForList("select entry_id from entry_curation where pinned", String.class))
                .containsExactly(first);
        assertThat(jdbc.queryForList("select event_id from event_removed", String.class))
                .containsExactlyInAnyOrderElementsOf(stored);

        try (LuceneIndex index = new LuceneIndex(data.resolve("index"), EventAnalyzers.create(),
                new EventRows(jdbc), 16)) {
            index.open(Duration.ofSeconds(1), Duration.ofSeconds(5));
        }
        try (var reader = DirectoryReader.open(FSDirectory.open(data.resolve("index")))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            assertThat(reader.numDocs()).isEqualTo(2);
            assertThat(searcher.count(new TermQuery(new Term(EventFields.ID, first)))).isEqualTo(1);
            assertThat(searcher.count(new TermQuery(new Term(EventFields.ID, stored.getFirst())))).isZero();
        }
        assertThat(jdbc.queryForObject("select count(*) from event_removed", Long.class)).isZero();
    }

    private static final OffsetDateTime T0 = OffsetDateTime.of(2014, 8, 12, 8, 20, 0, 0, ZoneOffset.UTC);

    /** A row as the release before stored a syslog line: keyed by file name + line number + hash. */
    private static String store(JdbcTemplate jdbc, long seq, String origin, String line) {
        byte[] raw = line.getBytes(StandardCharsets.UTF_8);
        String oldKey = origin.substring(origin.lastIndexOf('/') + 1) + "#" + hash(line);
        String id = EventId.of("syslog", oldKey);
        jdbc.update("insert into event (id, seq, source, dedup_key, kind, occurred_at, zone_assumed, ingested_at,"
                + " title, host, service, provider, raw_origin, raw_hash, raw_size, raw_truncated, parser_version,"
                + " raw_payload) values (?, ?, 'syslog', ?, 'LOG_LINE', ?, true, ?, 'eth0 link down', 'edge1',"
                + " 'kernel', false, ?, ?, ?, false, 'syslog/1', ?)", id, seq, oldKey, T0, T0, origin,
                EventId.contentHash(raw), raw.length, RawPayloads.compress(raw));
        return id;
    }

    private static String hash(String line) {
        return EventId.contentHash(line.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
