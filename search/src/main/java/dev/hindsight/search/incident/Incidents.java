package dev.hindsight.search.incident;

import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Declares, lists and finds incidents, and answers which ones a viewer may not see. */
@Service
public class Incidents {

    /** Keys are short, URL- and file-name-safe: INC-2041, lastpass-2014-08-12. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final IncidentRepository repository;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    Incidents(IncidentRepository repository, JdbcTemplate jdbc, Clock clock) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public IncidentSummary create(NewIncident draft) {
        requireValidKey(draft.key());
        if (!draft.to().isAfter(draft.from())) {
            throw new IllegalArgumentException("the window must end after it starts (from " + draft.from()
                    + ", to " + draft.to() + ")");
        }
        if (repository.existsById(draft.key())) {
            throw new IncidentExistsException(draft.key());
        }
        Incident incident = new Incident(draft.key(), draft.title(), draft.severity(), draft.from(), draft.to(),
                clock.instant());
        incident.details(draft.scope(), draft.commander(), draft.restricted(), draft.members());
        return repository.save(incident).summary();
    }

    /**
     * Makes sure an incident exists for events imported into it; one created here gets the key as its title and a
     * window fitted to its events afterwards by {@link #fitWindowToEvents}.
     *
     * @return true when it was created
     */
    @Transactional
    public boolean ensureExists(String key) {
        requireValidKey(key);
        if (repository.existsById(key)) {
            return false;
        }
        Instant now = clock.instant();
        repository.save(new Incident(key, key, Severity.SEV3, now, now.plusSeconds(1), now));
        return true;
    }

    /**
     * Who may see the incident: restricted or open, and its members. Visibility is applied at query time (search,
     * counts and timelines ask which incidents a viewer may not see), so the change holds at once, with no re-index.
     *
     * @return the incident as it is now
     */
    @Transactional
    public IncidentSummary setAccess(String key, boolean restricted, Set<String> members) {
        Incident incident = repository.findById(key)
                .orElseThrow(() -> new IllegalArgumentException("no incident " + key));
        IncidentSummary current = incident.summary();
        incident.details(current.scope(), current.commander(), restricted, members);
        return incident.summary();
    }

    /** Moves an incident to another status (e.g. RESOLVED). */
    @Transactional
    public void setStatus(String key, IncidentStatus status) {
        Incident incident = repository.findById(key)
                .orElseThrow(() -> new IllegalArgumentException("no incident " + key));
        incident.status(status, clock.instant());
    }

    /** Sets the window to span the attached events (at least one second). */
    @Transactional
    public void fitWindowToEvents(String key) {
        Map<String, Object> span = jdbc.queryForMap(
                "select min(e.occurred_at) as first_at, max(e.occurred_at) as last_at from event e "
                        + "join incident_event ie on ie.event_id = e.id where ie.incident_key = ?",
                key);
        Object first = span.get("first_at");
        Object last = span.get("last_at");
        if (first == null || last == null) {
            return;
        }
        Instant from = toInstant(first);
        Instant to = toInstant(last);
        if (!to.isAfter(from)) {
            to = from.plusSeconds(1);
        }
        Instant begin = from;
        Instant end = to;
        repository.findById(key).ifPresent(i -> i.window(begin, end, clock.instant()));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    @Transactional(readOnly = true)
    public List<IncidentSummary> list(Viewer viewer) {
        return repository.findAllNewestFirst().stream()
                .map(Incident::summary)
                .filter(viewer::maySee)
                .toList();
    }

    /** The incident, if it exists and the viewer may see it; a hidden incident looks exactly like a missing one. */
    @Transactional(readOnly = true)
    public Optional<IncidentSummary> find(String key, Viewer viewer) {
        return repository.findById(key).map(Incident::summary).filter(viewer::maySee);
    }

    /** Restricted incidents this viewer may not see: their events are left out of every search and count. */
    @Transactional(readOnly = true)
    public Set<String> hiddenFrom(Viewer viewer) {
        if (viewer.admin()) {
            return Set.of();
        }
        // one query: this runs on every search and timeline request
        Set<String> hidden = new HashSet<>();
        for (Incident incident : repository.findRestricted()) {
            IncidentSummary summary = incident.summary();
            if (!viewer.maySee(summary)) {
                hidden.add(summary.key());
            }
        }
        return hidden;
    }

    /** Number of attached events per incident key. */
    public Map<String, Long> eventCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("select incident_key, count(*) from incident_event group by incident_key", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private static void requireValidKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("incident key '" + key
                    + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
