package dev.hindsight.web.ingest;

import dev.hindsight.ingest.pull.PullProperties;
import dev.hindsight.ingest.pull.PullRunner;
import dev.hindsight.ingest.pull.PullSource;
import dev.hindsight.ingest.pull.PullSources;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pull sources added through the API: stored (credentials included, readable by whoever can read the database),
 * bound exactly like the {@code hindsight.ingest.pull.*} properties, and handed to the runner.
 */
@Service
public class ConfiguredSources {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Class<?>> KINDS = Map.of(
            "pagerduty", PullProperties.PagerDuty.class,
            "slack", PullProperties.Slack.class,
            "imap", PullProperties.Imap.class,
            "statuspage", PullProperties.Statuspage.class,
            "folder", PullProperties.Folder.class);

    private final JdbcTemplate jdbc;
    private final PullRunner runner;
    private final PullSources factory;
    private final Clock clock;
    private final PullTargets targets;

    ConfiguredSources(JdbcTemplate jdbc, PullRunner runner, PullSources factory, Clock clock, PullTargets targets) {
        this.targets = targets;
        this.jdbc = jdbc;
        this.runner = runner;
        this.factory = factory;
        this.clock = clock;
    }

    /** Sources stored earlier join the runner once the application is up. */
    @EventListener(ApplicationReadyEvent.class)
    void load() {
        jdbc.query("select kind, settings from pull_source order by created_at", rs -> {
            runner.add(build(rs.getString(1), JSON.readTree(rs.getString(2)), false)); // checked when it was added
        });
    }

    /** Validates, stores and starts a source; returns its name ({@code kind:name}). */
    @Transactional
    public String add(String kind, JsonNode settings, String by) {
        PullSource source = build(kind, settings, true);
        runner.add(source);
        try {
            jdbc.update("insert into pull_source (name, kind, settings, created_by, created_at) values (?,?,?,?,?)",
                    source.name(), kind, settings.toString(), by,
                    OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        } catch (RuntimeException e) {
            runner.remove(source.name());
            throw e;
        }
        return source.name();
    }

    @Transactional
    public boolean remove(String name) {
        int deleted = jdbc.update("delete from pull_source where name = ?", name);
        return runner.remove(name) || deleted > 0;
    }

    private PullSource build(String kind, JsonNode settings, boolean checkTargets) {
        Class<?> type = KINDS.get(kind.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new IllegalArgumentException("unknown source kind '" + kind + "'; one of " + KINDS.keySet());
        }
        if (settings == null || !settings.isObject()) {
            throw new IllegalArgumentException("settings must be an object");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        settings.properties().forEach(e -> flat.put("source." + e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
        Object config;
        try {
            config = new Binder(new MapConfigurationPropertySource(flat)).bind("source", Bindable.of(type))
                    .orElseThrow(() -> new IllegalArgumentException("settings are empty"));
        } catch (BindException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("invalid " + kind + " settings: " + cause.getMessage());
        }
        if (checkTargets) {
            targets.check(config);
        }
        return switch (config) {
            case PullProperties.PagerDuty p -> factory.create(p);
            case PullProperties.Slack s -> factory.create(s);
            case PullProperties.Imap i -> factory.create(i);
            case PullProperties.Statuspage s -> factory.create(s);
            case PullProperties.Folder f -> factory.create(f);
            default -> throw new IllegalStateException("unhandled kind " + kind);
        };
    }

    /** The kinds the API accepts. */
    public static List<String> kinds() {
        return KINDS.keySet().stream().sorted().toList();
    }
}
