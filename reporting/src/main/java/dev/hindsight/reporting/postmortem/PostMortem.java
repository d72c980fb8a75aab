package dev.hindsight.reporting.postmortem;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A post-mortem: its sections (Markdown, edited by people) and where it stands.
 *
 * @param version 0 for a draft written from the timeline and not saved yet
 * @param amendment why the post-mortem should be amended, e.g. a provider RFO that came after it was published
 * @param template the name of the template that decides its sections and headings
 * @param cause the kind of cause it settles on (e.g. "provider network", "deploy"), for analytics
 */
public record PostMortem(
        String incidentKey,
        ReviewStatus status,
        int version,
        Map<Section, String> sections,
        @Nullable Instant publishedAt,
        String updatedBy,
        Instant updatedAt,
        @Nullable String amendment,
        String template,
        @Nullable String cause) {

    public PostMortem(String incidentKey, ReviewStatus status, int version, Map<Section, String> sections,
            @Nullable Instant publishedAt,
            String updatedBy, Instant updatedAt, @Nullable String amendment) {
        this(incidentKey, status, version, sections, publishedAt, updatedBy, updatedAt, amendment,
                PostMortemTemplate.DEFAULT_NAME, null);
    }

    public String section(Section s) {
        return sections.getOrDefault(s, "");
    }

    /** The lines of the lessons-learned section that read as lessons (bullets or plain lines). */
    public java.util.List<String> lessons() {
        return section(Section.LESSONS).lines().map(String::strip)
                .map(l -> l.replaceFirst("^([-*•]|\\d+[.)])\\s+", ""))
                .filter(l -> !l.isBlank() && !l.startsWith("_"))
                .toList();
    }

    PostMortem withAmendment(@Nullable String reason) {
        return new PostMortem(incidentKey, status, version, sections, publishedAt, updatedBy, updatedAt, reason,
                template, cause);
    }
}
