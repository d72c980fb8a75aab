package dev.hindsight.search.store;

import static dev.hindsight.search.store.EventRows.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The dead-letter store as people see it: what was rejected, why, and whether it has been replayed since. */
@Repository
public class DeadLetterRows {

    private final JdbcTemplate jdbc;

    DeadLetterRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A dead letter without its bytes. */
    public record Summary(long id, Instant receivedAt, String format, String origin, String reason, int size,
            boolean truncated,
            @Nullable Instant replayedAt) {}

    /** A dead letter with the bytes that were kept. */
    public record Letter(Summary summary, byte[] raw) {}

    /** Newest first. */
    public List<Summary> list(boolean pendingOnly, int limit) {
        return jdbc.query(
                "select id, received_at, format, origin, reason, raw_size, raw_truncated, replayed_at from dead_letter "
                        + (pendingOnly ? "where replayed_at is null " : "") + "order by id desc fetch first "
                        + Math.max(1, Math.min(limit, 10_000))
                        + " rows only",
                (rs, i) -> new Summary(rs.getLong(1), EventRows.instant(rs, "received_at"), rs.getString(3),
                        rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getBoolean(7),
                        rs.getObject(8) == null ? null : EventRows.instant(rs, "replayed_at")));
    }

    public Optional<Letter> get(long id) {
        return jdbc.query(
                "select id, received_at, format, origin, reason, raw_size, raw_truncated, replayed_at, raw_payload "
                        + "from dead_letter where id = ?",
                (rs, i) -> {
                    byte[] payload = rs.getBytes(9);
                    return new Letter(
                            new Summary(rs.getLong(1), EventRows.instant(rs, "received_at"), rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5), rs.getInt(6), rs.getBoolean(7),
                                    rs.getObject(8) == null ? null : EventRows.instant(rs, "replayed_at")),
                            payload == null ? new byte[0] : RawPayloads.decompress(payload));
                }, id).stream().findFirst();
    }

    public long pending() {
        Long n = jdbc.queryForObject("select count(*) from dead_letter where replayed_at is null", Long.class);
        return n == null ? 0 : n;
    }

    /** Marks a letter replayed: its events are stored now. */
    public void markReplayed(long id, Instant at) {
        jdbc.update("update dead_letter set replayed_at = ? where id = ?", utc(at), id);
    }
}
