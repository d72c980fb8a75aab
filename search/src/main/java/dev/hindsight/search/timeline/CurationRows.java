package dev.hindsight.search.timeline;

import dev.hindsight.core.timeline.Timeline.MomentKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Stores curation and its history; every timeline build reads it back. */
@Repository
class CurationRows {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CurationRows(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Applies one edit to an entry and records it; marking a moment takes that mark off any other entry. */
    EntryCuration edit(String incidentKey, String entryId, CurationEdit edit, String actor) {
        Instant now = clock.instant();
        EntryCuration before = of(incidentKey).getOrDefault(entryId, EntryCuration.blank(entryId, actor, now));
        EntryCuration after = edit.applyTo(before);
        after = new EntryCuration(after.entryId(), after.pinned(), after.hidden(), after.note(), after.retimedAt(),
                after.storyline(), after.moment(), actor, now);
        if (edit instanceof CurationEdit.Mark(MomentKind kind) && kind != null) {
            jdbc.update(
                    "update entry_curation set moment = null where incident_key = ? and moment = ? and entry_id <> ?",
                    incidentKey, kind.name(), entryId);
        }
        Object[] values = {after.pinned(), after.hidden(), after.note(), utc(after.retimedAt()), after.storyline(),
                after.moment() == null ? null : after.moment().name(), actor, utc(now), incidentKey, entryId};
        int updated = jdbc.update(
                "update entry_curation set pinned = ?, hidden = ?, note = ?, retimed_at = ?, storyline = ?,"
                        + " moment = ?, updated_by = ?, updated_at = ? where incident_key = ? and entry_id = ?",
                values);
        if (updated == 0) {
            jdbc.update(
                    "insert into entry_curation (pinned, hidden, note, retimed_at, storyline, moment, updated_by, updated_at,"
                            + " incident_key, entry_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values);
        }
        jdbc.update(
                "insert into curation_change (incident_key, entry_id, action, detail, actor, changed_at) values (?, ?, ?, ?, ?, ?)",
                incidentKey, entryId, edit.action(), edit.detail(), actor, utc(now));
        return after;
    }

    /** The curation of an incident's entries, by entry id. */
    Map<String, EntryCuration> of(String incidentKey) {
        Map<String, EntryCuration> byEntry = new LinkedHashMap<>();
        jdbc.query("select entry_id, pinned, hidden, note, retimed_at, storyline, moment, updated_by, updated_at"
                + " from entry_curation where incident_key = ? order by entry_id", rs -> {
                    EntryCuration c = new EntryCuration(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3),
                            rs.getString(4),
                            instant(rs, 5), rs.getString(6),
                            rs.getString(7) == null ? null : MomentKind.valueOf(rs.getString(7)),
                            rs.getString(8), instant(rs, 9));
                    byEntry.put(c.entryId(), c);
                }, incidentKey);
        return byEntry;
    }

    /** The newest changes first. */
    List<CurationChange> history(String incidentKey, int limit) {
        return jdbc.query(
                "select id, entry_id, action, detail, actor, changed_at from curation_change where incident_key = ?"
                        + " order by id desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only",
                (rs, i) -> new CurationChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5),
                        instant(rs, 6)),
                incidentKey);
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
