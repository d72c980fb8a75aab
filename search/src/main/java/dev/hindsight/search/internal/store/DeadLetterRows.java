package dev.hindsight.search.internal.store;

import static dev.hindsight.search.internal.store.EventRows.utc;

import dev.hindsight.core.event.EventId;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.DeadLetterStore;
import dev.hindsight.core.text.Texts;
import dev.hindsight.search.internal.visibility.Visibility;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dead-letter store: written in the transaction of the batch that rejected the records, read by the people who run
 * ingest. A letter of an import into an incident the viewer may not see does not exist for them.
 */
@Repository
public class DeadLetterRows implements DeadLetterStore {

    private static final String SUMMARY = "id, received_at, format, origin, reason, raw_size, raw_truncated, "
            + "incident_key, replayed_at";

    private final JdbcTemplate jdbc;
    private final Visibility visibility;

    DeadLetterRows(JdbcTemplate jdbc, Visibility visibility) {
        this.jdbc = jdbc;
        this.visibility = visibility;
    }

    @Override
    public List<Summary> list(Viewer viewer, boolean pendingOnly, int limit) {
        List<Object> args = new ArrayList<>();
        String where = visible(viewer, args) + (pendingOnly ? " and replayed_at is null" : "");
        return jdbc.query("select " + SUMMARY + " from dead_letter where " + where + " order by id desc fetch first "
                + Math.max(1, Math.min(limit, 10_000)) + " rows only", (rs, i) -> summary(rs), args.toArray());
    }

    @Override
    public Optional<Letter> get(long id, Viewer viewer) {
        List<Object> args = new ArrayList<>();
        String where = visible(viewer, args);
        args.add(id);
        return jdbc.query("select " + SUMMARY + ", raw_payload, replay_name, replay_head, replay_tail, provider, zone,"
                + " year_hint, source_modified from dead_letter where " + where + " and id = ?", (rs, i) -> letter(rs),
                args.toArray())
                .stream().findFirst();
    }

    @Override
    public long pending(Viewer viewer) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject(
                "select count(*) from dead_letter where replayed_at is null and " + visible(viewer, args), Long.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    @Override
    public void markReplayed(long id, Instant at) {
        jdbc.update("update dead_letter set replayed_at = ? where id = ?", utc(at), id);
    }

    /**
     * Stores the letters of a batch; called inside its transaction. A letter still pending under the same key (the
     * same bad record delivered again) is not kept twice: the record's one outcome is the letter already kept.
     */
    void insert(List<DeadLetter> letters, Instant now) {
        if (letters.isEmpty()) {
            return;
        }
        Map<String, DeadLetter> byKey = new LinkedHashMap<>();
        for (DeadLetter letter : letters) {
            byKey.putIfAbsent(key(letter), letter);
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        for (int from = 0; from < keys.size(); from += 1000) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
            jdbc.queryForList("select letter_key from dead_letter where replayed_at is null and letter_key in ("
                    + EventRows.placeholders(chunk.size()) + ")", String.class, chunk.toArray())
                    .forEach(byKey::remove);
        }
        jdbc.batchUpdate("insert into dead_letter (received_at, format, origin, reason, raw_size, raw_truncated, "
                + "raw_payload, incident_key, provider, zone, year_hint, replay_name, replay_head, replay_tail, "
                + "source_modified, letter_key) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                List.copyOf(byKey.entrySet()), 1000, (ps, keyed) -> {
                    DeadLetter letter = keyed.getValue();
                    DeadLetter.Replay replay = letter.replay();
                    ps.setObject(1, utc(now));
                    ps.setString(2, Texts.clip(letter.format(), 64));
                    ps.setString(3, Texts.clip(letter.origin(), 2048));
                    ps.setString(4, letter.reason());
                    ps.setInt(5, letter.raw().length);
                    ps.setBoolean(6, letter.raw().length > RawPayloads.MAX_KEPT);
                    ps.setBytes(7, RawPayloads.compress(letter.raw()));
                    ps.setString(8, replay.incidentKey());
                    ps.setString(9, Texts.clipNullable(replay.provider(), 128));
                    ps.setString(10, replay.zone().getId());
                    if (replay.year() == null) {
                        ps.setNull(11, Types.INTEGER);
                    } else {
                        ps.setInt(11, replay.year());
                    }
                    ps.setString(12, Texts.clip(replay.name(), 2048));
                    ps.setBytes(13, replay.head());
                    ps.setBytes(14, replay.tail());
                    ps.setObject(15, replay.modified() == null ? null : utc(replay.modified()));
                    ps.setString(16, keyed.getKey());
                });
    }

    /** Format, origin, incident and bytes: what makes two letters the same record delivered twice. */
    private static String key(DeadLetter letter) {
        ByteArrayOutputStream identity = new ByteArrayOutputStream(letter.raw().length + 256);
        for (String part : new String[]{letter.format(), letter.origin(),
                Objects.requireNonNullElse(letter.replay().incidentKey(), "")}) {
            identity.writeBytes(part.getBytes(StandardCharsets.UTF_8));
            identity.write(0);
        }
        identity.writeBytes(letter.raw());
        return EventId.contentHash(identity.toByteArray());
    }

    /** The condition that leaves out letters of incidents hidden from the viewer. */
    private String visible(Viewer viewer, List<Object> args) {
        Set<String> hidden = visibility.hiddenFrom(viewer);
        if (hidden.isEmpty()) {
            return "1 = 1";
        }
        args.addAll(hidden);
        return "(incident_key is null or incident_key not in (" + EventRows.placeholders(hidden.size()) + "))";
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(rs.getLong("id"), EventRows.instant(rs, "received_at"), rs.getString("format"),
                rs.getString("origin"), rs.getString("reason"), rs.getInt("raw_size"), rs.getBoolean("raw_truncated"),
                rs.getString("incident_key"),
                rs.getObject("replayed_at") == null ? null : EventRows.instant(rs, "replayed_at"));
    }

    private static Letter letter(ResultSet rs) throws SQLException {
        byte[] payload = rs.getBytes("raw_payload");
        Summary summary = summary(rs);
        String name = rs.getString("replay_name");
        String zone = rs.getString("zone");
        Integer year = rs.getObject("year_hint") == null ? null : rs.getInt("year_hint");
        byte[] head = rs.getBytes("replay_head");
        byte[] tail = rs.getBytes("replay_tail");
        // letters kept before replays had a recipe are decoded whole, under their origin
        DeadLetter.Replay replay = new DeadLetter.Replay(name == null ? summary.origin() : name,
                head == null ? new byte[0] : head, tail == null ? new byte[0] : tail, summary.incidentKey(),
                rs.getString("provider"), zone == null ? ZoneOffset.UTC : ZoneId.of(zone), year,
                rs.getObject("source_modified") == null ? null : EventRows.instant(rs, "source_modified"));
        return new Letter(summary, payload == null ? new byte[0] : RawPayloads.decompress(payload), replay);
    }
}
