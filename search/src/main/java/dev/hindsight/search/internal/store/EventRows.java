package dev.hindsight.search.internal.store;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.search.internal.index.EventHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads event rows back: the catch-up log of the index, event details and raw records. */
@Repository
public class EventRows implements EventHistory {

    static final String COLUMNS = "id, seq, source, dedup_key, kind, occurred_at, original_time, original_zone, "
            + "zone_assumed, ingested_at, title, body, actor, service, host, location, severity, labels, links, "
            + "provider, raw_origin, parser_version";

    /**
     * The incident links of a time window's events. The join goes from the time index to the links' index on the
     * event; the event table has no index on the id to go the other way by (see {@link EventKeys}).
     */
    static final String WINDOW_INCIDENTS = "select ie.event_id, ie.incident_key from incident_event ie"
            + " join event e on e.id = ie.event_id where e.occurred_at >= ? and e.occurred_at <= ?";

    /** Query parameters per IN list; keeps statements small on both databases. */
    static final int IN_CHUNK = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LINKS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public EventRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<StoredEvent> after(long afterSequence, int limit) {
        List<Row> rows = jdbc.query(
                "select " + COLUMNS + " from event where seq > ? order by seq fetch first " + limit + " rows only",
                (rs, i) -> row(rs),
                afterSequence);
        return withIncidents(rows);
    }

    @Override
    public void forEachSequence(LongConsumer consumer) {
        jdbc.query(con -> {
            var ps = con.prepareStatement("select seq from event order by seq");
            ps.setFetchSize(10_000);
            return ps;
        }, rs -> {
            consumer.accept(rs.getLong(1));
        });
    }

    /** The newest sequence committed, by any node. */
    public long lastSequence() {
        Long n = jdbc.queryForObject("select coalesce(max(seq), 0) from event", Long.class);
        return n == null ? 0 : n;
    }

    @Override
    public long count() {
        Long n = jdbc.queryForObject("select count(*) from event", Long.class);
        return n == null ? 0 : n;
    }

    @Override
    public List<String> removed() {
        return jdbc.queryForList("select event_id from event_removed", String.class);
    }

    @Override
    public void forgetRemoved(List<String> ids) {
        jdbc.batchUpdate("delete from event_removed where event_id = ?", ids, 1000, (ps, id) -> ps.setString(1, id));
    }

    /** The events from {@code from} to {@code to}, oldest first (then by id), at most {@code limit}, with their incidents. */
    List<StoredEvent> between(Instant from, Instant to, int limit) {
        List<Row> rows = jdbc.query("select " + COLUMNS + " from event where occurred_at >= ? and occurred_at <= ?"
                + " order by occurred_at, id fetch first " + limit + " rows only", (rs, i) -> row(rs), utc(from),
                utc(to));
        // the window's incident links in one query (only attached events have any), not one query per thousand ids
        Map<String, Set<String>> incidents = new HashMap<>();
        jdbc.query(WINDOW_INCIDENTS,
                rs -> {
                    incidents.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                },
                utc(from), utc(to));
        return withIncidents(rows, incidents);
    }

    /** The events with these ids, in no particular order; unknown ids are left out. */
    public List<StoredEvent> byIds(Collection<String> ids) {
        List<Row> rows = new ArrayList<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            rows.addAll(jdbc.query("select " + COLUMNS + " from event where " + EventKeys.in(chunk.size()),
                    (rs, i) -> row(rs), EventKeys.args(chunk)));
        }
        return withIncidents(rows);
    }

    public Optional<StoredEvent> byId(String id) {
        return byIds(List.of(id)).stream().findFirst();
    }

    /** The raw record an event was decoded from, as far as it was kept. */
    public Optional<RawView> raw(String id) {
        return jdbc.query(
                "select raw_origin, parser_version, raw_hash, raw_size, raw_truncated, raw_payload from event where "
                        + EventKeys.in(1),
                (rs, i) -> rawView(rs),
                EventKeys.args(List.of(id)))
                .stream()
                .findFirst();
    }

    static RawView rawView(ResultSet rs) throws SQLException {
        byte[] payload = rs.getBytes("raw_payload");
        return new RawView(
                rs.getString("raw_origin"),
                rs.getString("parser_version"),
                rs.getString("raw_hash"),
                rs.getInt("raw_size"),
                rs.getBoolean("raw_truncated"),
                payload == null ? new byte[0] : RawPayloads.decompress(payload));
    }

    /** A raw record for display: where it was read, by which parser, and its (possibly truncated) bytes. */
    public record RawView(
            @Nullable String origin,
            @Nullable String parserVersion,
            @Nullable String sha256,
            int size,
            boolean truncated,
            byte[] bytes) {}

    Map<String, Set<String>> incidentsOf(Collection<String> ids) {
        Map<String, Set<String>> result = new HashMap<>();
        for (List<String> chunk : chunks(List.copyOf(ids))) {
            jdbc.query(
                    "select event_id, incident_key from incident_event where event_id in ("
                            + placeholders(chunk.size()) + ")",
                    rs -> {
                        result.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                    },
                    chunk.toArray());
        }
        return result;
    }

    private List<StoredEvent> withIncidents(List<Row> rows) {
        return rows.isEmpty() ? List.of() : withIncidents(rows, incidentsOf(rows.stream().map(Row::id).toList()));
    }

    private static List<StoredEvent> withIncidents(List<Row> rows, Map<String, Set<String>> incidents) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (Row r : rows) {
            events.add(new StoredEvent(r.id, r.seq, r.ingestedAt, r.event, incidents.getOrDefault(r.id, Set.of())));
        }
        return events;
    }

    private record Row(String id, long seq, Instant ingestedAt, Event event) {}

    private static Row row(ResultSet rs) throws SQLException {
        Event.Builder b = Event.builder(
                rs.getString("source"),
                EventKind.valueOf(rs.getString("kind")),
                instant(rs, "occurred_at"),
                rs.getString("title"))
                .originalTime(rs.getString("original_time"), rs.getString("original_zone"),
                        rs.getBoolean("zone_assumed"))
                .text(rs.getString("body"))
                .actor(rs.getString("actor"))
                .service(rs.getString("service"))
                .host(rs.getString("host"))
                .location(rs.getString("location"))
                .severity(rs.getString("severity"))
                .provider(rs.getBoolean("provider"))
                .dedupKey(rs.getString("dedup_key"));
        String labels = rs.getString("labels");
        if (labels != null) {
            b.labels(JSON.readValue(labels, LABELS));
        }
        String links = rs.getString("links");
        if (links != null) {
            JSON.readValue(links, LINKS).forEach(b::link);
        }
        return new Row(rs.getString("id"), rs.getLong("seq"), instant(rs, "ingested_at"), b.build());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static String json(Map<String, String> labels) {
        return JSON.writeValueAsString(new LinkedHashMap<>(labels));
    }

    static String json(List<String> links) {
        return JSON.writeValueAsString(links);
    }

    static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /** Items in slices of at most {@value #IN_CHUNK}, one IN list each. */
    public static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += IN_CHUNK) {
            chunks.add(items.subList(i, Math.min(items.size(), i + IN_CHUNK)));
        }
        return chunks;
    }
}
