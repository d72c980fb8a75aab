package dev.hindsight.web.incidents;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.incident.IncidentDetails;
import dev.hindsight.search.incident.IncidentLifecycle;
import dev.hindsight.search.incident.IncidentUpdate;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.support.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Changes to an incident as people ask for them, from the API, the incident page or the command line: the names of
 * statuses and severities read, the users named checked against the accounts, the change applied and audited.
 */
@Service
public class IncidentEdits {

    private final IncidentLifecycle lifecycle;
    private final Accounts accounts;
    private final AuditLog audit;

    IncidentEdits(IncidentLifecycle lifecycle, Accounts accounts, AuditLog audit) {
        this.lifecycle = lifecycle;
        this.accounts = accounts;
        this.audit = audit;
    }

    /**
     * A change as its fields are named in the incident JSON; null fields stay as they are.
     *
     * @param commsLead who speaks to customers and the status page
     */
    public record Patch(@Nullable String title, @Nullable String severity, @Nullable String status,
            @Nullable String summary, @Nullable Instant from, @Nullable Instant to, @Nullable String commander,
            @Nullable String scribe, @Nullable String commsLead, @Nullable String team,
            @Nullable String causeCategory, @Nullable Set<String> services, @Nullable Set<String> tags,
            @Nullable Set<String> participants) {

        static Patch status(IncidentStatus status) {
            return new Patch(null, null, status.name(), null, null, null, null, null, null, null, null, null, null,
                    null);
        }
    }

    public IncidentDetails apply(String key, Patch patch, Viewer viewer) {
        IncidentDetails current = lifecycle.details(key, viewer);
        // people already named (a sample's commander, an earlier account) stay; people newly named must be users
        Set<String> named = new java.util.HashSet<>(current.participants());
        Stream.of(current.incident().commander(), current.scribe(), current.commsLead()).filter(n -> n != null)
                .forEach(named::add);
        for (String user : Stream.concat(Stream.of(patch.commander(), patch.scribe(), patch.commsLead()),
                patch.participants() == null ? Stream.empty() : patch.participants().stream()).toList()) {
            if (user != null && !user.isBlank() && !named.contains(user.strip())
                    && accounts.findUser(user.strip()).isEmpty()) {
                throw new InvalidInputException("'" + user + "' is not a user of this Hindsight; add them first"
                        + " (hindsight user add) or name someone who is");
            }
        }
        IncidentDetails changed = lifecycle.update(key, new IncidentUpdate(patch.title(), severity(patch.severity()),
                patch.status() == null ? null : IncidentStatus.parse(patch.status()), patch.summary(), patch.from(),
                patch.to(), patch.commander(), patch.scribe(), patch.commsLead(), patch.team(),
                patch.causeCategory(), patch.services(), patch.tags(), patch.participants()), viewer);
        audit.record(viewer.name(), "update incident", key, "success", described(patch));
        return changed;
    }

    public IncidentDetails close(String key, Viewer viewer) {
        return apply(key, Patch.status(IncidentStatus.CLOSED), viewer);
    }

    /** Reopening puts the incident back to investigating. */
    public IncidentDetails reopen(String key, Viewer viewer) {
        return apply(key, Patch.status(IncidentStatus.INVESTIGATING), viewer);
    }

    private static @Nullable Severity severity(@Nullable String name) {
        if (name == null) {
            return null;
        }
        try {
            return Severity.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("severity '" + name + "' is not one of "
                    + Arrays.toString(Severity.values()).replaceAll("[\\[\\]]", ""));
        }
    }

    /** The fields a change named, for the audit log. */
    private static String described(Patch patch) {
        List<String> fields = new ArrayList<>();
        var components = Patch.class.getRecordComponents();
        for (var component : components) {
            try {
                Object value = component.getAccessor().invoke(patch);
                if (value != null) {
                    fields.add(component.getName() + (component.getName().equals("summary") ? "" : "=" + value));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(", ", fields);
    }
}
