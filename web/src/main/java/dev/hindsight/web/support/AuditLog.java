package dev.hindsight.web.support;

import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.text.Texts;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Append-only record of security-relevant actions. The application only ever inserts here; nothing updates or
 * deletes a row. Details are bounded so that a hostile input cannot bloat the log.
 */
@Service
public class AuditLog {

    static final int MAX_DETAIL = 2000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One audited action. */
    public record Entry(long id, Instant at, String actor, String action, @Nullable String target, String outcome,
            @Nullable String detail) {}

    public void record(String actor, String action, @Nullable String target, String outcome, @Nullable String detail) {
        jdbc.update("insert into audit_log (at, actor, action, target, outcome, detail) values (?,?,?,?,?,?)",
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), clip(actor, 128), clip(action, 64),
                clip(target, 512),
                clip(outcome, 16), clip(detail, MAX_DETAIL));
    }

    /** Newest first. */
    public List<Entry> recent(int limit) {
        return jdbc.query(
                "select id, at, actor, action, target, outcome, detail from audit_log order by id desc fetch first "
                        + Math.max(1, Math.min(limit, 10_000)) + " rows only",
                (rs, i) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                        rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
    }

    /** A view of a restricted incident: every one is audited, with who looked. */
    public void restrictedView(IncidentSummary incident, String actor, String action) {
        if (incident.restricted()) {
            record(actor, action, incident.key(), "success", "restricted incident");
        }
    }

    /** One line, of the column's length: CR, LF and tabs become spaces (they could forge entries in a log reader). */
    private static @Nullable String clip(@Nullable String value, int max) {
        return value == null ? null : Texts.clip(value.replaceAll("[\r\n\t]", " "), max);
    }
}
