package dev.hindsight.search.incident;

import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An incident as stored: its window and scope select its events; restriction limits who may see it. */
@Entity
@Table(name = "incident")
class Incident {

    @Id
    @Column(name = "incident_key")
    private String key;

    private String title;

    @Enumerated(EnumType.STRING)
    private Severity severity;

    @Enumerated(EnumType.STRING)
    private IncidentStatus status;

    @Column(name = "starts_at")
    private Instant from;

    @Column(name = "ends_at")
    private Instant to;

    private @Nullable String scope;

    private @Nullable String commander;

    private boolean restricted;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "incident_member", joinColumns = @JoinColumn(name = "incident_key"))
    @Column(name = "username")
    private Set<String> members = new HashSet<>();

    private @Nullable String summary;

    private @Nullable String team;

    @Column(name = "cause_category")
    private @Nullable String causeCategory;

    private @Nullable String scribe;

    @Column(name = "comms_lead")
    private @Nullable String commsLead;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "incident_tag", joinColumns = @JoinColumn(name = "incident_key"))
    @Column(name = "tag")
    private Set<String> tags = new HashSet<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "incident_service", joinColumns = @JoinColumn(name = "incident_key"))
    @Column(name = "service")
    private Set<String> services = new HashSet<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "incident_participant", joinColumns = @JoinColumn(name = "incident_key"))
    @Column(name = "username")
    private Set<String> participants = new HashSet<>();

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Incident() {}

    Incident(String key, String title, Severity severity, Instant from, Instant to, Instant now) {
        this.key = key;
        this.title = title;
        this.severity = severity;
        this.status = IncidentStatus.INVESTIGATING;
        this.from = from;
        this.to = to;
        this.createdAt = now;
        this.updatedAt = now;
    }

    IncidentSummary summary() {
        return new IncidentSummary(key, title, severity, status, from, to, scope, commander, restricted, members);
    }

    String key() {
        return key;
    }

    void window(Instant newFrom, Instant newTo, Instant now) {
        this.from = newFrom;
        this.to = newTo;
        this.updatedAt = now;
    }

    void status(IncidentStatus newStatus, Instant now) {
        this.status = newStatus;
        this.updatedAt = now;
    }

    void details(@Nullable String newScope, @Nullable String newCommander, boolean newRestricted,
            Set<String> newMembers) {
        this.scope = newScope;
        this.commander = newCommander;
        this.restricted = newRestricted;
        this.members = new HashSet<>(newMembers);
    }

    /** What the lifecycle reads and changes beyond the summary; read inside a transaction (lazy collections). */
    IncidentDetails details() {
        return new IncidentDetails(summary(), summary, team, causeCategory, scribe, commsLead, Set.copyOf(services),
                Set.copyOf(tags), Set.copyOf(participants), createdAt, updatedAt);
    }

    void title(String newTitle) {
        this.title = newTitle;
    }

    void severity(Severity newSeverity) {
        this.severity = newSeverity;
    }

    void commander(@Nullable String newCommander) {
        this.commander = newCommander;
    }

    void describe(@Nullable String newSummary, @Nullable String newTeam, @Nullable String newCause,
            @Nullable String newScribe, @Nullable String newCommsLead) {
        this.summary = newSummary;
        this.team = newTeam;
        this.causeCategory = newCause;
        this.scribe = newScribe;
        this.commsLead = newCommsLead;
    }

    void sets(Set<String> newServices, Set<String> newTags, Set<String> newParticipants) {
        this.services = new HashSet<>(newServices);
        this.tags = new HashSet<>(newTags);
        this.participants = new HashSet<>(newParticipants);
    }

    void touched(Instant now) {
        this.updatedAt = now;
    }
}
