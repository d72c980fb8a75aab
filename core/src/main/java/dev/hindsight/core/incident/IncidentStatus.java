package dev.hindsight.core.incident;

/** Where an incident stands in its life. */
public enum IncidentStatus {
    /** Impact is ongoing or not yet understood. */
    ACTIVE,
    /** Impact is contained; recovery or monitoring continues. */
    MITIGATED,
    /** Over; the post-mortem follows. */
    RESOLVED
}
