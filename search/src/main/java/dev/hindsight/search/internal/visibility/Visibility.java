package dev.hindsight.search.internal.visibility;

import dev.hindsight.core.incident.Viewer;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one place that turns the visibility rule ({@link Viewer#maySee}) into the set of incidents a viewer may not see:
 * restricted incidents of which they are neither the commander nor a member, unless they are an admin. Events attached
 * to any of them are left out of every search, count, timeline and lookup. Read at query time, so an access change
 * holds at once.
 */
@Component
public class Visibility {

    private final JdbcTemplate jdbc;
    /** The set read by {@link #readOnce}, for the work it runs on this thread. */
    private final ThreadLocal<Read> current = new ThreadLocal<>();

    private record Read(Viewer viewer, Set<String> hidden) {}

    public Visibility(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Restricted incidents this viewer may not see (one query: this runs on every search). */
    public Set<String> hiddenFrom(Viewer viewer) {
        if (viewer.admin()) {
            return Set.of();
        }
        Read read = current.get();
        if (read != null && read.viewer().equals(viewer)) {
            return read.hidden();
        }
        return new HashSet<>(jdbc.queryForList("select i.incident_key from incident i where i.restricted = true"
                + " and (i.commander is null or i.commander <> ?) and not exists (select 1 from incident_member m"
                + " where m.incident_key = i.incident_key and m.username = ?)", String.class, viewer.name(),
                viewer.name()));
    }

    /**
     * Runs {@code work} with the viewer's set read once, so that the parts of one answer (records, events, their
     * counts) apply the same rule and a search pays for one lookup, not one per part (a round trip each on
     * PostgreSQL).
     */
    public <T> T readOnce(Viewer viewer, Supplier<T> work) {
        if (viewer.admin() || current.get() != null) {
            return work.get();
        }
        current.set(new Read(viewer, Set.copyOf(hiddenFrom(viewer))));
        try {
            return work.get();
        } finally {
            current.remove();
        }
    }

    /** Whether the incident exists and the viewer may see it. */
    public boolean maySeeIncident(String key, Viewer viewer) {
        List<Boolean> restricted = jdbc.queryForList("select restricted from incident where incident_key = ?",
                Boolean.class, key);
        return !restricted.isEmpty() && (viewer.admin() || !restricted.getFirst() || !hiddenFrom(viewer).contains(key));
    }

    /** Whether an event attached to these incidents is visible to the viewer. */
    public boolean maySeeEventOf(Collection<String> incidents, Viewer viewer) {
        return incidents.isEmpty() || viewer.admin() || Collections.disjoint(incidents, hiddenFrom(viewer));
    }
}
