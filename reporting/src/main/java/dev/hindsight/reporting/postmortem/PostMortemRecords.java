package dev.hindsight.reporting.postmortem;

import dev.hindsight.core.store.SearchableRecord;
import dev.hindsight.core.store.SearchableRecords;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved post-mortems (one record per written section) and review comments, as the unified search finds them. A
 * generated draft nobody saved is not searchable: its words are the timeline's, which search already finds.
 */
@Component
class PostMortemRecords implements SearchableRecords.Source {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final SearchableRecords records;

    PostMortemRecords(JdbcTemplate jdbc, SearchableRecords records) {
        this.jdbc = jdbc;
        this.records = records;
    }

    @Override
    public void forEach(Consumer<SearchableRecord> sink) {
        jdbc.query("select incident_key, sections, updated_at from postmortem", rs -> {
            Map<String, String> sections = JSON.readValue(rs.getString(2), new TypeReference<Map<String, String>>() {
            });
            Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
            String key = rs.getString(1);
            sections.forEach((name, text) -> {
                if (text != null && !text.isBlank()) {
                    sink.accept(section(key, Section.valueOf(name), text, at));
                }
            });
        });
        jdbc.query("select id, incident_key, section, author, body, created_at from postmortem_comment", rs -> {
            sink.accept(comment(rs.getLong(1), rs.getString(2),
                    rs.getString(3) == null ? null : Section.valueOf(rs.getString(3)), rs.getString(4),
                    rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()));
        });
    }

    /** The sections as just saved (written ones replace, emptied ones leave the search). */
    void saved(String incidentKey, Map<Section, String> sections, Instant at) {
        for (Section s : Section.values()) {
            String text = sections.get(s);
            if (text == null || text.isBlank()) {
                records.remove(SearchableRecord.Type.POST_MORTEM, incidentKey + "/" + s.name());
            } else {
                records.put(section(incidentKey, s, text, at));
            }
        }
    }

    void commented(PostMortemReviews.Comment c, String incidentKey) {
        records.put(comment(c.id(), incidentKey, c.section(), c.author(), c.body(), c.at()));
    }

    private static SearchableRecord section(String incidentKey, Section section, String text, Instant at) {
        return new SearchableRecord(SearchableRecord.Type.POST_MORTEM, incidentKey + "/" + section.name(),
                incidentKey, "Post-mortem of " + incidentKey + ": " + section.heading(), text, at,
                "/incidents/" + incidentKey + "/postmortem#section-" + section.name());
    }

    private static SearchableRecord comment(long id, String incidentKey, Section section, String author, String body,
            Instant at) {
        return new SearchableRecord(SearchableRecord.Type.COMMENT, Long.toString(id), incidentKey,
                "Comment by " + author + " on the post-mortem of " + incidentKey
                        + (section == null ? "" : " (" + section.heading() + ")"),
                body, at, "/incidents/" + incidentKey + "/postmortem#comment-" + id);
    }
}
