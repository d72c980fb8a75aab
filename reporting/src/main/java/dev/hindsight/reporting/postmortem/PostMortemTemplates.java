package dev.hindsight.reporting.postmortem;

import dev.hindsight.core.error.InvalidInputException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The built-in template and the ones teams saved. */
@Service
public class PostMortemTemplates {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PostMortemTemplates(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The default first, then the saved ones by name. */
    public List<PostMortemTemplate> list() {
        List<PostMortemTemplate> all = new ArrayList<>(List.of(PostMortemTemplate.DEFAULT));
        all.addAll(jdbc.query("select name, sections from postmortem_template order by name",
                (rs, i) -> parse(rs.getString(1), rs.getString(2))));
        return all;
    }

    public Optional<PostMortemTemplate> find(String name) {
        if (PostMortemTemplate.DEFAULT_NAME.equals(name)) {
            return Optional.of(PostMortemTemplate.DEFAULT);
        }
        return jdbc
                .query("select name, sections from postmortem_template where name = ?",
                        (rs, i) -> parse(rs.getString(1), rs.getString(2)), name)
                .stream().findFirst();
    }

    /** Adds or replaces a saved template; the default cannot be replaced. */
    public PostMortemTemplate save(PostMortemTemplate template, String actor) {
        if (PostMortemTemplate.DEFAULT_NAME.equals(template.name())) {
            throw new InvalidInputException("the default template is built in; save yours under another name");
        }
        String json = JSON.writeValueAsString(template.sections());
        int updated = jdbc.update("update postmortem_template set sections = ? where name = ?", json, template.name());
        if (updated == 0) {
            jdbc.update("insert into postmortem_template (name, sections, created_by, created_at) values (?, ?, ?, ?)",
                    template.name(), json, actor, clock.instant().atOffset(ZoneOffset.UTC));
        }
        return template;
    }

    private static PostMortemTemplate parse(String name, String json) {
        return new PostMortemTemplate(name, JSON.readValue(json, new TypeReference<List<PostMortemTemplate.Part>>() {
        }));
    }
}
