package dev.hindsight.core.incident;

import dev.hindsight.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where an incident stands in its life: investigating, identified, monitoring, resolved, closed. Earlier releases
 * wrote ACTIVE and MITIGATED; they read as INVESTIGATING and MONITORING.
 */
public enum IncidentStatus {
    /** Impact is ongoing and its cause not yet known. */
    INVESTIGATING,
    /** The cause is known; the fix is under way. */
    IDENTIFIED,
    /** The fix is in; watching that it holds. */
    MONITORING,
    /** Over; the review follows. */
    RESOLVED,
    /** Reviewed and done with; reopening starts it again. */
    CLOSED;

    /** Whether people are still working it. */
    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }

    /** "Investigating". */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * A status by name, in any case, the earlier names included.
     *
     * @throws InvalidInputException naming the statuses there are
     */
    public static IncidentStatus parse(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "ACTIVE" -> INVESTIGATING;
            case "MITIGATED" -> MONITORING;
            default -> Arrays.stream(values()).filter(s -> s.name().equals(n)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("status '" + name + "' is not one of "
                            + Arrays.toString(values()).replaceAll("[\\[\\]]", "")));
        };
    }
}
