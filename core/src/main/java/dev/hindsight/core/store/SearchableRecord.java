package dev.hindsight.core.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something people wrote about an incident, found by the same search as its events: the incident itself, a section
 * of its post-mortem, an action item, a note on a timeline entry, a review comment.
 *
 * @param id unique within its type, e.g. {@code LP-1/ROOT_CAUSE} for a post-mortem section
 * @param incidentKey the incident it belongs to: it is visible to whoever may see that incident
 * @param link where it lives in the UI, a path such as {@code /incidents/LP-1/postmortem#section-ROOT_CAUSE}
 */
public record SearchableRecord(Type type, String id, String incidentKey, String title, String text, Instant at,
        String link) {

    public SearchableRecord {
        text = text == null ? "" : text;
    }

    /** What a record is; the names are those of the {@code type} field and facet of a search. */
    public enum Type {
        INCIDENT("incident"),
        POST_MORTEM("post-mortem"),
        ACTION_ITEM("action-item"),
        ANNOTATION("annotation"),
        COMMENT("comment");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** By label ({@code post-mortem}) or name ({@code POST_MORTEM}). */
        public static @Nullable Type parse(String value) {
            for (Type t : values()) {
                if (t.label.equalsIgnoreCase(value) || t.name().equalsIgnoreCase(value)) {
                    return t;
                }
            }
            return null;
        }
    }
}
