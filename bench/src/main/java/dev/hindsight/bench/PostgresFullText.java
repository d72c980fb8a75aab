package dev.hindsight.bench;

import dev.hindsight.core.event.Event;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.springframework.util.FileSystemUtils;

/**
 * The baseline a user would otherwise pick for searching incident events: PostgreSQL full-text search, a stored
 * {@code tsvector} over title, text and host with a GIN index, plus b-tree indexes on time and on source + kind. Each
 * query class asks what Hindsight's search answers: the first 20 hits in order, the exact total and the source and
 * kind counts (Hindsight computes facets on every search, so the baseline does too).
 */
public final class PostgresFullText implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final ThreadLocal<Connection> connections;
    private final List<Connection> opened = new ArrayList<>();

    private PostgresFullText(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.connections = ThreadLocal.withInitial(this::connect);
    }

    /** Starts a PostgreSQL server (embedded binaries) in a temporary directory and loads the corpus; prints the load time. */
    public static PostgresFullText load(Consumer<Consumer<Event>> corpus) throws IOException, SQLException {
        PostgresFullText pg = new PostgresFullText(server().start());
        pg.loadCorpus(corpus);
        return pg;
    }

    /**
     * A server on {@code dataDir}, loaded with the corpus by the first call and reused as it is by later ones (the
     * micro-benchmarks' ten-million-event baseline takes minutes to load and index).
     */
    public static PostgresFullText openOrLoad(Path dataDir, Consumer<Consumer<Event>> corpus)
            throws IOException, SQLException {
        Path loaded = dataDir.resolveSibling(dataDir.getFileName() + ".loaded");
        if (!Files.exists(loaded)) {
            FileSystemUtils.deleteRecursively(dataDir); // a load that did not finish
        }
        Files.createDirectories(dataDir);
        PostgresFullText pg = new PostgresFullText(
                server().setDataDirectory(dataDir).setCleanDataDirectory(false).start());
        if (!Files.exists(loaded)) {
            pg.loadCorpus(corpus);
            Files.writeString(loaded, "loaded\n");
        }
        return pg;
    }

    /** Settings a user would give a server with this much memory: room to cache the table and to build the GIN index. */
    private static EmbeddedPostgres.Builder server() {
        return EmbeddedPostgres.builder().setServerConfig("shared_buffers", "1GB")
                .setServerConfig("maintenance_work_mem", "1GB");
    }

    private void loadCorpus(Consumer<Consumer<Event>> corpus) throws SQLException {
        long started = System.nanoTime();
        long[] rows = {0};
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(
                    """
                            create table ev (id text primary key, source text not null, kind text not null, at timestamptz not null,
                              title text not null, body text, host text,
                              doc tsvector generated always as (to_tsvector('english',
                                title || ' ' || coalesce(body, '') || ' ' || coalesce(host, ''))) stored)""");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder chunk = new StringBuilder();
            Runnable flush = () -> {
                try {
                    copy.copyIn("copy ev (id, source, kind, at, title, body, host) from stdin",
                            new StringReader(chunk.toString()));
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException("COPY into the PostgreSQL baseline failed", e);
                }
                chunk.setLength(0);
            };
            corpus.accept(e -> {
                chunk.append(e.id()).append('\t').append(field(e.source())).append('\t').append(e.kind().name())
                        .append('\t')
                        .append(e.occurredAt()).append('\t').append(field(e.title())).append('\t')
                        .append(field(e.text())).append('\t')
                        .append(field(e.host())).append('\n');
                rows[0]++;
                if (chunk.length() > 8_000_000) {
                    flush.run();
                }
            });
            if (!chunk.isEmpty()) {
                flush.run();
            }
            s.execute("create index ev_doc on ev using gin (doc)");
            s.execute("create index ev_at on ev (at)");
            s.execute("create index ev_source_kind on ev (source, kind, at)");
            s.execute("vacuum analyze ev");
        }
        System.err.printf(Locale.ROOT, "PostgreSQL FTS baseline: loaded and indexed %,d events in %.1f s%n", rows[0],
                (System.nanoTime() - started) / 1e9);
    }

    /** The query classes of the search benchmark, as SQL with the same meaning. */
    public Map<String, Supplier<Object>> queries(Instant from, Instant to, String someId) {
        return Map.of(
                "text + range + facets + sort", () -> pageAndFacets(
                        "doc @@ plainto_tsquery('english', 'certificate renewed') and at between ? and ?", "desc", from,
                        to),
                "phrase", () -> pageAndFacets("doc @@ phraseto_tsquery('english', 'backup completed')", "asc"),
                "filter only + facets",
                () -> pageAndFacets("source = 'alertmanager' and kind = 'ALERT_FIRING'", "desc"),
                "point lookup (id)", () -> query("select id, title, at from ev where id = ?", someId),
                "rare term", () -> pageAndFacets("doc @@ plainto_tsquery('english', 'HttpsTimeout')", "asc"));
    }

    /** The page of 20 and the source × kind counts; returns the total the counts add up to. */
    private long pageAndFacets(String where, String order, Object... args) {
        query("select id, title, at from ev where " + where + " order by at " + order + " limit 20", args);
        return query("select source, kind, count(*) from ev where " + where + " group by source, kind", args);
    }

    /** Runs the query and reads every row; returns the sum of the third column if there is one, else the row count. */
    private long query(String sql, Object... args) {
        try (PreparedStatement ps = connections.get().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i] instanceof Instant t ? Timestamp.from(t) : args[i]);
            }
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                boolean counts = rs.getMetaData().getColumnCount() == 3 && sql.contains("count(*)");
                while (rs.next()) {
                    n += counts ? rs.getLong(3) : 1;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized Connection connect() {
        try {
            Connection c = postgres.getPostgresDatabase().getConnection();
            opened.add(c);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(String value) {
        if (value == null) {
            return "\\N";
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    @Override
    public void close() {
        try {
            for (Connection c : opened) {
                c.close();
            }
            postgres.close();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
