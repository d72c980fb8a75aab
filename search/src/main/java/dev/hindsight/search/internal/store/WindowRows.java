package dev.hindsight.search.internal.store;

import dev.hindsight.core.event.StoredEvent;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Repository;

/** The events a timeline starts from: those attached to an incident, and those in a time window. */
@Repository
public class WindowRows {

    /** Most events one timeline reads; a window holding more is cut at this many, oldest first. */
    public static final int MAX_EVENTS = 200_000;

    private final EventRows rows;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    WindowRows(EventRows rows, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    public List<StoredEvent> attachedTo(String incidentKey) {
        List<String> ids = jdbc.queryForList("select event_id from incident_event where incident_key = ?", String.class,
                incidentKey);
        return rows.byIds(ids);
    }

    public List<StoredEvent> between(Instant from, Instant to) {
        return rows.between(from, to, MAX_EVENTS);
    }
}
