package dev.hindsight.search.internal.schema;

import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.LineKeys;
import dev.hindsight.search.internal.store.RawPayloads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives stored syslog and Nagios lines the contract's line key (host + instant + text hash + occurrence within the
 * file; it was file name + line number + hash), once. Lines stored twice from renamed, rotated or zipped copies now
 * have the same key: they are merged into the first stored, keeping every incident they were attached to and their
 * curation, and the count of merged lines is logged. The index drops the old ids when it next opens
 * ({@code event_removed}) and picks up the re-keyed rows, which get new sequence numbers.
 */
public final class RekeyLineLogs extends StoreMigration {

    private static final Logger log = LoggerFactory.getLogger(RekeyLineLogs.class);

    public RekeyLineLogs() {
        super(6, "re-key syslog and nagios lines by host, time, text and occurrence");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, source, host, occurred_at, raw_origin, raw_truncated"
                + " from event where source in ('syslog', 'nagios') order by seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(5) != null && !rs.getBoolean(6)) { // else nothing to hash it by: it keeps its key
                    lines.add(new Line(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)));
                }
            }
        }
        Map<String, LineKeys> files = new HashMap<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int rekeyed = 0;
        int merged = 0;
        long seq = nextSequence(c);
        for (Line line : lines) {
            byte[] payload = payload(c, line.id());
            if (payload == null) {
                continue;
            }
            String key = files.computeIfAbsent(fileOf(line.origin()), f -> new LineKeys())
                    .next(line.host(), line.at(), RawPayloads.decompress(payload));
            String newId = EventId.of(line.source(), key);
            if (newId.equals(line.id())) {
                continue;
            }
            if (exists(c, newId)) {
                merged++;
            } else {
                copy(c, line.id(), newId, key, seq++);
                rekeyed++;
            }
            moveReferences(c, line.id(), newId);
            update(c, "delete from event where id = ?", line.id());
            update(c, "insert into event_removed (event_id, removed_at) values (?, ?)", line.id(), now);
        }
        if (rekeyed + merged > 0) {
            log.info("Re-keyed {} syslog and Nagios lines by host, time and text; merged {} lines stored twice from"
                    + " copies of the same file", rekeyed, merged);
        }
    }

    private record Line(String id, String source, @Nullable String host, Instant at, String origin) {}

    private static byte @Nullable [] payload(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select raw_payload from event where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** {@code logs/syslog.1} of {@code logs/syslog.1#12}; {@code a.zip#var/log/messages} of {@code ...#3}. */
    static String fileOf(String origin) {
        int hash = origin.lastIndexOf('#');
        return hash < 0 ? origin : origin.substring(0, hash);
    }

    private static long nextSequence(Connection c) throws SQLException {
        return number(c, "select coalesce(max(seq), 0) + 1 from event");
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from event where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void copy(Connection c, String id, String newId, String key, long seq) throws SQLException {
        update(c, "insert into event (id, seq, source, dedup_key, kind, occurred_at, original_time, original_zone,"
                + " zone_assumed, ingested_at, title, body, actor, service, host, location, severity, labels, links,"
                + " provider, raw_origin, raw_hash, raw_size, raw_truncated, parser_version, raw_payload)"
                + " select ?, ?, source, ?, kind, occurred_at, original_time, original_zone, zone_assumed, ingested_at,"
                + " title, body, actor, service, host, location, severity, labels, links, provider, raw_origin,"
                + " raw_hash, raw_size, raw_truncated, parser_version, raw_payload from event where id = ?", newId, seq,
                key, id);
    }

    /** Incidents and curation follow the line to its new id; where the new id already has them, its own stay. */
    private static void moveReferences(Connection c, String id, String newId) throws SQLException {
        update(c, "insert into incident_event (incident_key, event_id, attached_at) select incident_key, ?, attached_at"
                + " from incident_event o where o.event_id = ? and not exists (select 1 from incident_event n"
                + " where n.event_id = ? and n.incident_key = o.incident_key)", newId, id, newId);
        update(c, "delete from incident_event where event_id = ?", id);
        update(c, "update entry_curation set entry_id = ? where entry_id = ? and not exists (select 1 from"
                + " entry_curation n where n.entry_id = ? and n.incident_key = entry_curation.incident_key)", newId, id,
                newId);
        update(c, "delete from entry_curation where entry_id = ?", id);
        update(c, "update curation_change set entry_id = ? where entry_id = ?", newId, id);
    }

}
