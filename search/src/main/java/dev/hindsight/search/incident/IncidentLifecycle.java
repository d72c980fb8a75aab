package dev.hindsight.search.incident;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.text.Texts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An incident's life after it is declared: its title, severity, status, window, people and filing change as the
 * response goes on. Every change is checked, recorded with who made it and when ({@link IncidentChange}), and shown on
 * the incident's timeline as one of its own events, so the review sees when the status moved and who moved it.
 */
@Service
public class IncidentLifecycle {

    /** Tags, services, team and cause: letters, digits, spaces and {@code . _ : / -}. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:/-]*");
    static final int MAX_ITEMS = 50;
    /** Fields that say how the incident is filed rather than how the response went. */
    private static final Set<String> FILING = Set.of("summary", "team", "causeCategory", "services", "tags");

    private final IncidentRepository repository;
    private final IncidentRecords records;
    private final JdbcTemplate jdbc;
    private final EventSink events;
    private final Clock clock;

    IncidentLifecycle(IncidentRepository repository, JdbcTemplate jdbc, EventSink events, Clock clock,
            IncidentRecords records) {
        this.repository = repository;
        this.records = records;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The incident with all its details, for someone who may see it. */
    @Transactional(readOnly = true)
    public IncidentDetails details(String key, Viewer viewer) {
        return visible(key, viewer).details();
    }

    /** Its changes, newest first. */
    @Transactional(readOnly = true)
    public List<IncidentChange> changes(String key, Viewer viewer, int limit) {
        visible(key, viewer);
        return jdbc.query("select id, field, old_value, new_value, actor, changed_at from incident_change"
                + " where incident_key = ? order by id desc fetch first " + Math.clamp(limit, 1, 1000) + " rows only",
                (rs, i) -> new IncidentChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, java.time.OffsetDateTime.class).toInstant()),
                key);
    }

    /**
     * Applies a change: what it names, checked; nothing else. Returns the incident as it now is.
     *
     * @throws InvalidInputException naming the field at fault; nothing is changed then
     * @throws NotFoundException when the incident does not exist or is hidden from the viewer
     */
    @Transactional
    public IncidentDetails update(String key, IncidentUpdate change, Viewer viewer) {
        Incident incident = visible(key, viewer);
        IncidentDetails before = incident.details();
        var was = before.incident();
        Instant from = change.from() != null ? change.from() : was.from();
        Instant to = change.to() != null ? change.to() : was.to();
        IncidentCatalog.requireSaneWindow(from, to);
        String title = change.title() != null ? text("title", change.title(), 500, true) : was.title();
        String summary = change.summary() != null ? text("summary", change.summary(), 4000, false) : before.summary();
        String commander = change.commander() != null
                ? text("commander", change.commander(), 128, false)
                : was.commander();
        String scribe = change.scribe() != null ? text("scribe", change.scribe(), 128, false) : before.scribe();
        String commsLead = change.commsLead() != null
                ? text("commsLead", change.commsLead(), 128, false)
                : before.commsLead();
        String team = change.team() != null ? name("team", change.team(), 128) : before.team();
        String cause = change.causeCategory() != null
                ? name("causeCategory", change.causeCategory(), 64)
                : before.causeCategory();
        Set<String> services = change.services() != null
                ? names("services", change.services(), 200)
                : before.services();
        Set<String> tags = change.tags() != null ? names("tags", change.tags(), 64) : before.tags();
        Set<String> participants = change.participants() != null
                ? names("participants", change.participants(), 128)
                : before.participants();

        List<String[]> changed = new ArrayList<>();
        record(changed, "title", was.title(), title, incident::title);
        record(changed, "severity", was.severity().name(),
                change.severity() == null ? was.severity().name() : change.severity().name(),
                s -> incident.severity(dev.hindsight.core.incident.Severity.valueOf(s)));
        record(changed, "status", was.status().name(),
                change.status() == null ? was.status().name() : change.status().name(),
                s -> incident.status(IncidentStatus.valueOf(s), clock.instant()));
        record(changed, "from", was.from().toString(), from.toString(), x -> {});
        record(changed, "to", was.to().toString(), to.toString(), x -> {});
        record(changed, "commander", was.commander(), commander, incident::commander);
        record(changed, "summary", before.summary(), summary, x -> {});
        record(changed, "scribe", before.scribe(), scribe, x -> {});
        record(changed, "commsLead", before.commsLead(), commsLead, x -> {});
        record(changed, "team", before.team(), team, x -> {});
        record(changed, "causeCategory", before.causeCategory(), cause, x -> {});
        record(changed, "services", joined(before.services()), joined(services), x -> {});
        record(changed, "tags", joined(before.tags()), joined(tags), x -> {});
        record(changed, "participants", joined(before.participants()), joined(participants), x -> {});
        if (changed.isEmpty()) {
            return before;
        }
        Instant now = clock.instant();
        incident.window(from, to, now);
        incident.describe(summary, team, cause, scribe, commsLead);
        incident.sets(services, tags, participants);
        incident.touched(now);
        for (String[] c : changed) {
            jdbc.update("insert into incident_change (incident_key, field, old_value, new_value, actor, changed_at)"
                    + " values (?,?,?,?,?,?)", key, c[0], c[1], c[2], viewer.name(),
                    java.time.OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        }
        onTimeline(key, changed, viewer, now);
        IncidentDetails after = incident.details();
        records.changed(after);
        return after;
    }

    /** The change as one of the incident's own events: "Status: Investigating → Resolved". */
    private void onTimeline(String key, List<String[]> changed, Viewer viewer, Instant now) {
        // how the incident is filed is history, not part of the response: it stays off the timeline
        changed = changed.stream().filter(c -> !FILING.contains(c[0])).toList();
        if (changed.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (String[] c : changed) {
            if (c[0].equals("status")) {
                parts.addFirst("Status: " + IncidentStatus.valueOf(c[1]).label() + " → "
                        + IncidentStatus.valueOf(c[2]).label());
            } else {
                parts.add(c[0] + " " + (c[1] == null || c[1].isEmpty() ? "–" : c[1]) + " → "
                        + (c[2] == null || c[2].isEmpty() ? "–" : c[2]));
            }
        }
        String title = String.join("; ", parts);
        String record = "{\"incident\":\"" + key + "\",\"by\":\"" + viewer.name() + "\",\"at\":\"" + now + "\"}";
        Event event = Event.builder("manual", EventKind.NOTE, now, Texts.clip(title, 200))
                .text(title)
                .actor(viewer.name())
                .label("incident_change", String.join(",", changed.stream().map(c -> c[0]).toList()))
                .dedupKey("incident-change:" + key + ":" + now + ":" + title.hashCode())
                .raw(new RawRecord("incident " + key + " changed by " + viewer.name(),
                        record.getBytes(StandardCharsets.UTF_8), "manual/1"))
                .build();
        events.append(new EventBatch(List.of(event), List.of(), key, null, viewer));
    }

    private static void record(List<String[]> changed, String field, @Nullable String from, @Nullable String to,
            Consumer<String> apply) {
        if (!Objects.equals(blankToNull(from), blankToNull(to))) {
            changed.add(new String[]{field, from, to});
            apply.accept(to);
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static @Nullable String text(String field, String value, int max, boolean required) {
        String v = value.strip();
        if (required && v.isEmpty()) {
            throw new InvalidInputException("'" + field + "' may not be empty");
        }
        if (v.length() > max) {
            throw new InvalidInputException("'" + field + "' has " + v.length() + " characters; at most " + max);
        }
        return v.isEmpty() ? null : v;
    }

    private static @Nullable String name(String field, String value, int max) {
        String v = text(field, value, max, false);
        if (v != null && !NAME.matcher(v).matches()) {
            throw new InvalidInputException("'" + field + "' may hold letters, digits, spaces and . _ : / - only");
        }
        return v;
    }

    private static Set<String> names(String field, Set<String> values, int max) {
        if (values.size() > MAX_ITEMS) {
            throw new InvalidInputException("'" + field + "' has " + values.size() + " entries; at most " + MAX_ITEMS);
        }
        Set<String> out = new TreeSet<>();
        for (String v : values) {
            String n = name(field, v == null ? "" : v, max);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    private static String joined(Set<String> values) {
        return String.join(", ", new TreeSet<>(values));
    }

    private Incident visible(String key, Viewer viewer) {
        return repository.findById(key).filter(i -> viewer.maySee(i.summary()))
                .orElseThrow(() -> new NotFoundException("no incident " + key));
    }
}
