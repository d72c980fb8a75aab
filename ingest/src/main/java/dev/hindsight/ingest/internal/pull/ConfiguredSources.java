package dev.hindsight.ingest.internal.pull;

import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.ingest.spi.PullSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pull sources added through the API: checked against the allowed hosts and folders, stored (credentials included,
 * readable by whoever can read the database), bound exactly like the {@code hindsight.ingest.pull.*} properties, and
 * handed to the runner.
 */
@Service
public class ConfiguredSources {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final PullRunner runner;
    private final PullSourceFactory factory;
    private final PullTargets targets;
    private final Clock clock;

    ConfiguredSources(JdbcTemplate jdbc, PullRunner runner, PullSourceFactory factory, PullTargets targets,
            Clock clock) {
        this.jdbc = jdbc;
        this.runner = runner;
        this.factory = factory;
        this.targets = targets;
        this.clock = clock;
    }

    /** Sources stored earlier join the runner once the application is up (they were checked when added). */
    @EventListener(ApplicationReadyEvent.class)
    void load() {
        jdbc.query("select kind, settings from pull_source order by created_at", rs -> {
            runner.add(factory.create(factory.bind(rs.getString(1), JSON.readTree(rs.getString(2)))));
        });
    }

    /** Validates, stores and starts a source; returns its name ({@code kind:name}). */
    @Transactional
    public String add(String kind, JsonNode settings, String by) {
        PullSourceFactory.Bound bound = factory.bind(kind, settings);
        targets.check(bound.targets());
        PullSource source = factory.create(bound);
        runner.add(source);
        try {
            jdbc.update("insert into pull_source (name, kind, settings, created_by, created_at) values (?,?,?,?,?)",
                    source.name(), bound.kind().kind(), settings.toString(), by,
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        } catch (RuntimeException e) {
            runner.remove(source.name());
            throw e;
        }
        return source.name();
    }

    /** @throws NotFoundException when there is no such source */
    @Transactional
    public void remove(String name) {
        int deleted = jdbc.update("delete from pull_source where name = ?", name);
        if (!runner.remove(name) && deleted == 0) {
            throw new NotFoundException("no pull source " + name);
        }
    }
}
