package dev.hindsight.search.incident;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.incident.IncidentFiling;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.internal.store.EventKeys;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.search.internal.visibility.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declares, finds and changes incidents, always for a viewer: an incident the viewer may not see does not exist for
 * them, in every answer (a lookup, a list, a count, a key in use).
 */
@Service
public class IncidentCatalog implements IncidentDirectory {

    /** Keys are short, URL- and file-name-safe: INC-2041, lastpass-2014-08-12. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_KEY_LENGTH - 1) + "}");

    private final IncidentRepository repository;
    private final IncidentRecords records;
    private final Visibility visibility;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    IncidentCatalog(IncidentRepository repository, Visibility visibility, JdbcTemplate jdbc, Clock clock,
            IncidentRecords records) {
        this.repository = repository;
        this.records = records;
        this.visibility = visibility;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public IncidentFiling filing(String key, Viewer viewer) {
        return repository.findById(key).filter(i -> viewer.maySee(i.summary())).map(i -> {
            IncidentDetails d = i.details();
            return new IncidentFiling(d.services(), d.team(), d.causeCategory(), d.tags());
        }).orElse(IncidentFiling.NONE);
    }

    /**
     * Declares an incident.
     *
     * @throws ConflictException when the key is in use, with the same answer whether the viewer may see the incident
     *     holding it or not (keys are one namespace, so a taken key is all anyone learns)
     */
    @Transactional
    public IncidentSummary create(NewIncident draft, Viewer viewer) {
        requireValidKey(draft.key());
        requireSaneWindow(draft.from(), draft.to());
        if (repository.existsById(draft.key())) {
            throw keyInUse(draft.key());
        }
        Incident incident = new Incident(draft.key(), draft.title(), draft.severity(), draft.from(), draft.to(),
                clock.instant());
        incident.details(draft.scope(), draft.commander(), draft.restricted(), draft.members());
        Incident saved = repository.save(incident);
        IncidentSummary created = saved.summary();
        records.changed(saved.details());
        if (!viewer.maySee(created)) {
            throw new InvalidInputException("you would not see " + draft.key()
                    + " once declared; make yourself its commander or a member");
        }
        return created;
    }

    /**
     * Makes sure an incident exists for events imported into it; one created here gets the key as its title and a
     * window fitted to its events afterwards by {@link #fitWindowToEvents}.
     *
     * @return true when it was created
     * @throws ConflictException when the key belongs to an incident the viewer may not see
     */
    @Transactional
    public boolean ensureForImport(String key, Viewer viewer) {
        requireValidKey(key);
        Optional<Incident> existing = repository.findById(key);
        if (existing.isPresent()) {
            if (!viewer.maySee(existing.get().summary())) {
                throw keyInUse(key);
            }
            return false;
        }
        Instant now = clock.instant();
        records.changed(repository.save(new Incident(key, key, Severity.SEV3, now, now.plusSeconds(1), now)).details());
        return true;
    }

    private static ConflictException keyInUse(String key) {
        return new ConflictException("the incident key " + key + " is in use; choose another");
    }

    /**
     * Restricts or opens an incident and sets its members, in one change. Visibility is applied at query time, so the
     * change holds at once, with no re-index. Whoever changes it must keep their own access (an admin always has it).
     */
    @Transactional
    public IncidentSummary setAccess(String key, boolean restricted, Set<String> members, Viewer viewer) {
        Incident incident = visible(key, viewer);
        IncidentSummary current = incident.summary();
        if (restricted && !viewer.admin() && !members.contains(viewer.name())
                && !viewer.name().equals(current.commander())) {
            throw new InvalidInputException("you would lose access to " + key + "; include yourself in 'members'");
        }
        incident.details(current.scope(), current.commander(), restricted, members);
        return incident.summary();
    }

    /** Moves an incident to another status (e.g. RESOLVED). */
    @Transactional
    public IncidentSummary setStatus(String key, IncidentStatus status, Viewer viewer) {
        Incident incident = visible(key, viewer);
        incident.status(status, clock.instant());
        return incident.summary();
    }

    /** Sets the window to span the attached events (at least one second). */
    @Transactional
    public void fitWindowToEvents(String key, Viewer viewer) {
        Incident incident = visible(key, viewer);
        // the attached ids first, then their rows by key: the event table has no index on the id itself (EventKeys)
        List<String> attached = jdbc.queryForList("select event_id from incident_event where incident_key = ?",
                String.class, key);
        Instant from = null;
        Instant to = null;
        for (List<String> chunk : EventRows.chunks(attached)) {
            Map<String, Object> span = jdbc.queryForMap("select min(occurred_at) as first_at,"
                    + " max(occurred_at) as last_at from event where " + EventKeys.in(chunk.size()),
                    EventKeys.args(chunk));
            if (span.get("first_at") != null) {
                Instant first = toInstant(span.get("first_at"));
                Instant last = toInstant(span.get("last_at"));
                from = from == null || first.isBefore(from) ? first : from;
                to = to == null || last.isAfter(to) ? last : to;
            }
        }
        if (from == null || to == null) {
            return;
        }
        incident.window(from, to.isAfter(from) ? to : from.plusSeconds(1), clock.instant());
    }

    private static Instant toInstant(Object value) {
        return switch (value) {
            case OffsetDateTime odt -> odt.toInstant();
            case java.sql.Timestamp ts -> ts.toInstant();
            case Instant instant -> instant;
            default -> throw new IllegalStateException("unexpected timestamp type " + value.getClass());
        };
    }

    @Override
    @Transactional(readOnly = true)
    public List<IncidentSummary> list(Viewer viewer) {
        return repository.findAllNewestFirst().stream().map(Incident::summary).filter(viewer::maySee).toList();
    }

    /** The incident, if it exists and the viewer may see it; a hidden incident looks exactly like a missing one. */
    @Override
    @Transactional(readOnly = true)
    public Optional<IncidentSummary> find(String key, Viewer viewer) {
        return repository.findById(key).map(Incident::summary).filter(viewer::maySee);
    }

    /**
     * Events attached to each incident the viewer may see, counting only events the viewer may see (an event attached
     * to an open incident and to a restricted one counts for neither when the restricted one is hidden).
     */
    public Map<String, Long> eventCounts(Viewer viewer) {
        Set<String> hidden = visibility.hiddenFrom(viewer);
        Map<String, Long> counts = new LinkedHashMap<>();
        if (hidden.isEmpty()) {
            jdbc.query("select incident_key, count(*) from incident_event group by incident_key",
                    rs -> {
                        counts.put(rs.getString(1), rs.getLong(2));
                    });
            return counts;
        }
        String in = String.join(",", java.util.Collections.nCopies(hidden.size(), "?"));
        jdbc.query("select ie.incident_key, count(*) from incident_event ie where not exists (select 1 from "
                + "incident_event h where h.event_id = ie.event_id and h.incident_key in (" + in + ")) "
                + "group by ie.incident_key", rs -> {
                    if (!hidden.contains(rs.getString(1))) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }, hidden.toArray());
        return counts;
    }

    private Incident visible(String key, Viewer viewer) {
        return repository.findById(key).filter(i -> viewer.maySee(i.summary()))
                .orElseThrow(() -> new NotFoundException("no incident " + key));
    }

    /** Incidents happen between 1990 and 2100 (a typed year of -999999999 would break every chart). */
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    static void requireSaneWindow(Instant from, Instant to) {
        for (Instant at : new Instant[]{from, to}) {
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw new InvalidInputException("the window must lie between 1990 and 2100; " + at + " does not");
            }
        }
        if (!to.isAfter(from)) {
            throw new InvalidInputException("the window must end after it starts (from " + from + ", to " + to + ")");
        }
    }

    private static void requireValidKey(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException("incident key '" + key
                    + "' must be 1-" + MAX_KEY_LENGTH
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
