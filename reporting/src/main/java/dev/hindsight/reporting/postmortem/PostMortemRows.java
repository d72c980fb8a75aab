package dev.hindsight.reporting.postmortem;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.timeline.Timeline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores post-mortems with every version; drafts one from the timeline when none exists. */
@Repository
class PostMortemRows {

    public static final int MAX_SECTION = 50_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final PostMortemRecords searchable;
    private final Clock clock;

    PostMortemRows(JdbcTemplate jdbc, Clock clock, PostMortemRecords searchable) {
        this.jdbc = jdbc;
        this.searchable = searchable;
        this.clock = clock;
    }

    /**
     * The incident's post-mortem: the stored one, or else a draft written from its timeline (version 0, not saved).
     * A stored, published one is flagged for amendment when a provider notice is dated after its publication.
     */
    PostMortem current(IncidentSummary incident, Timeline timeline) {
        return stored(incident.key()).map(p -> p.withAmendment(amendment(p, timeline)))
                .orElseGet(() -> new PostMortem(incident.key(), ReviewStatus.DRAFT, 0,
                        DraftWriter.draft(incident, timeline), null,
                        "hindsight", clock.instant(), null));
    }

    Optional<PostMortem> stored(String incidentKey) {
        return jdbc.query(
                "select status, version, sections, published_at, updated_by, updated_at, template, cause from postmortem where incident_key = ?",
                rs -> rs.next()
                        ? Optional.of(new PostMortem(incidentKey, ReviewStatus.valueOf(rs.getString(1)), rs.getInt(2),
                                sections(rs.getString(3)), instant(rs, 4), rs.getString(5), instant(rs, 6), null,
                                rs.getString(7), rs.getString(8)))
                        : Optional.empty(),
                incidentKey);
    }

    /**
     * Saves the edited sections as a new version (the others stay as they were), switching template and setting the
     * cause category when given (an empty cause clears it); editing a published post-mortem sends it back to review.
     */
    PostMortem save(String incidentKey, Map<Section, String> edited, @Nullable String template,
            @Nullable String cause, @Nullable Integer baseVersion, String actor) {
        if (cause != null && cause.strip().length() > 64) {
            throw new InvalidInputException("a cause category holds at most 64 characters");
        }
        Optional<PostMortem> before = stored(incidentKey);
        int current = before.map(PostMortem::version).orElse(0);
        Map<Section, String> changes = edited;
        if (baseVersion != null && baseVersion != current) {
            if (before.isEmpty() || baseVersion > current || baseVersion < 0) {
                throw new ConflictException("the post-mortem of " + incidentKey + " has no version " + baseVersion);
            }
            // only what this editor changed counts; it merges unless someone else changed the same section since
            changes = editedSince(incidentKey, baseVersion, edited);
            Map<Section, String> base = baseVersion == 0 ? Map.of() : version(incidentKey, baseVersion);
            List<Section> clashing = changes.keySet().stream()
                    .filter(s -> !Objects.equals(base.get(s), before.get().sections().get(s))).toList();
            if (!clashing.isEmpty()) {
                throw new ConflictException(staleness(baseVersion, before.get(), clashing));
            }
        }
        Map<Section, String> sections = new EnumMap<>(Section.class);
        before.ifPresent(p -> sections.putAll(p.sections()));
        changes.forEach((section, text) -> {
            if (text.length() > MAX_SECTION) {
                throw new InvalidInputException(section.heading() + " holds at most " + MAX_SECTION
                        + " characters, this one has " + text.length());
            }
            sections.put(section, text.strip());
        });
        ReviewStatus status = before
                .map(p -> p.status() == ReviewStatus.PUBLISHED ? ReviewStatus.IN_REVIEW : p.status())
                .orElse(ReviewStatus.DRAFT);
        String chosen = template != null
                ? template
                : before.map(PostMortem::template).orElse(PostMortemTemplate.DEFAULT_NAME);
        String category = cause != null
                ? (cause.isBlank() ? null : cause.strip().toLowerCase(Locale.ROOT))
                : before.map(PostMortem::cause).orElse(null);
        boolean contentChanged = before.map(p -> !p.sections().equals(sections) || !p.template().equals(chosen))
                .orElse(true);
        return write(incidentKey, before, sections, status, chosen, category, actor, contentChanged);
    }

    /** The sections given that differ from the given version: what an editor who started from it changed. */
    Map<Section, String> editedSince(String incidentKey, int baseVersion, Map<Section, String> submitted) {
        Map<Section, String> base = baseVersion <= 0 ? Map.of() : version(incidentKey, baseVersion);
        Map<Section, String> changed = new EnumMap<>(Section.class);
        submitted.forEach((section, text) -> {
            if (!text.strip().equals(base.getOrDefault(section, "").strip())) {
                changed.put(section, text);
            }
        });
        return changed;
    }

    /** The answer to a stale save: the sections both people changed, and who saved the newer text. */
    private static String staleness(int base, PostMortem now, List<Section> clashing) {
        return "since version " + base + ", which you started from, " + now.updatedBy() + " saved version "
                + now.version() + " at " + now.updatedAt() + ", also changing "
                + String.join(", ", clashing.stream().map(Section::heading).toList())
                + "; nothing was saved. Bring your changes over to the newer text and save again";
    }

    PostMortem setStatus(String incidentKey, ReviewStatus status, String actor) {
        PostMortem p = stored(incidentKey).orElseThrow(() -> new ConflictException(
                "save the post-mortem of " + incidentKey + " before changing its review status"));
        return write(incidentKey, Optional.of(p), p.sections(), status, p.template(), p.cause(), actor, false);
    }

    private PostMortem write(String incidentKey, Optional<PostMortem> before, Map<Section, String> sections,
            ReviewStatus status, String template, @Nullable String cause, String actor, boolean contentChanged) {
        Instant now = clock.instant();
        int version = before.map(PostMortem::version).orElse(0) + 1;
        Instant published = status == ReviewStatus.PUBLISHED ? now : before.map(PostMortem::publishedAt).orElse(null);
        String json = JSON.writeValueAsString(sections);
        if (before.isPresent()) {
            jdbc.update(
                    "update postmortem set status = ?, version = ?, sections = ?, published_at = ?, updated_by = ?, updated_at = ?, template = ?,"
                            + " cause = ?, content_version = case when ? then ? else coalesce(content_version, version) end"
                            + " where incident_key = ?",
                    status.name(), version, json, utc(published), actor, utc(now), template, cause, contentChanged,
                    version, incidentKey);
        } else {
            jdbc.update(
                    "insert into postmortem (incident_key, status, version, sections, published_at, updated_by, updated_at, template, cause,"
                            + " content_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    incidentKey, status.name(), version, json, utc(published), actor, utc(now), template, cause,
                    version);
        }
        jdbc.update(
                "insert into postmortem_version (incident_key, version, status, sections, changed_by, changed_at) values (?, ?, ?, ?, ?, ?)",
                incidentKey, version, status.name(), json, actor, utc(now));
        if (contentChanged) {
            searchable.saved(incidentKey, sections, now);
        }
        return new PostMortem(incidentKey, status, version, sections, published, actor, now, null, template, cause);
    }

    /** The version whose sections approvals must have seen to count (0 before the first save). */
    int contentVersion(String incidentKey) {
        List<Integer> v = jdbc.queryForList("select content_version from postmortem where incident_key = ?",
                Integer.class, incidentKey);
        return v.isEmpty() || v.get(0) == null ? 0 : v.get(0);
    }

    /** Who saved the given version. */
    String author(String incidentKey, int version) {
        List<String> by = jdbc.queryForList(
                "select changed_by from postmortem_version where incident_key = ? and version = ?", String.class,
                incidentKey, version);
        return by.isEmpty() ? "" : by.get(0);
    }

    /** How many people approved the current content. */
    int currentApprovals(String incidentKey) {
        int content = contentVersion(incidentKey);
        Integer n = jdbc.queryForObject("select count(distinct username) from postmortem_approval"
                + " where incident_key = ? and version >= ?", Integer.class, incidentKey, Math.max(content, 1));
        return n == null ? 0 : n;
    }

    /** Newest first. */
    List<PostMortemVersion> versions(String incidentKey) {
        return jdbc.query(
                "select version, status, changed_by, changed_at from postmortem_version where incident_key = ? order by version desc",
                (rs, i) -> new PostMortemVersion(rs.getInt(1), ReviewStatus.valueOf(rs.getString(2)), rs.getString(3),
                        instant(rs, 4)),
                incidentKey);
    }

    /** What changed between two versions, section by section, as Markdown lines. */
    List<LineDiff.Line> diff(String incidentKey, int from, int to) {
        return LineDiff.between(markdown(version(incidentKey, from)), markdown(version(incidentKey, to)));
    }

    private Map<Section, String> version(String incidentKey, int version) {
        return jdbc.query("select sections from postmortem_version where incident_key = ? and version = ?",
                rs -> {
                    if (!rs.next()) {
                        throw new InvalidInputException(
                                "the post-mortem of " + incidentKey + " has no version " + version);
                    }
                    return sections(rs.getString(1));
                }, incidentKey, version);
    }

    private static String markdown(Map<Section, String> sections) {
        StringBuilder sb = new StringBuilder();
        for (Section s : Section.values()) {
            sb.append("## ").append(s.heading()).append("\n").append(sections.getOrDefault(s, "")).append("\n\n");
        }
        return sb.toString();
    }

    private static @Nullable String amendment(PostMortem p, Timeline timeline) {
        if (p.status() != ReviewStatus.PUBLISHED || p.publishedAt() == null) {
            return null;
        }
        return timeline.entries().stream()
                .filter(e -> e.kind() == EventKind.PROVIDER_NOTICE && e.at().isAfter(p.publishedAt()))
                .findFirst()
                .map(e -> "a provider notice dated after publication (" + DraftWriter.time(e.at()) + ": \"" + e.title()
                        + "\") may change the root cause or the times; amend and publish again")
                .orElse(null);
    }

    private static Map<Section, String> sections(String json) {
        Map<String, String> raw = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
        });
        Map<Section, String> sections = new EnumMap<>(Section.class);
        raw.forEach((k, v) -> sections.put(Section.valueOf(k), v));
        return sections;
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
