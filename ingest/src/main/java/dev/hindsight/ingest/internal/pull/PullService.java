package dev.hindsight.ingest.internal.pull;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.ingest.pull.PullSources;
import dev.hindsight.ingest.pull.SourceStatus;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** The pull sources: the configured ones from the runner, the ones added through the API from their table. */
@Service
class PullService implements PullSources {

    private final PullRunner runner;
    private final ConfiguredSources configured;
    private final PullSourceFactory factory;

    PullService(PullRunner runner, ConfiguredSources configured, PullSourceFactory factory) {
        this.runner = runner;
        this.configured = configured;
        this.factory = factory;
    }

    @Override
    public List<SourceStatus> statuses() {
        return runner.statuses();
    }

    @Override
    public String add(String kind, JsonNode settings, Viewer by) {
        return configured.add(kind, settings, by.name());
    }

    @Override
    public void remove(String name) {
        configured.remove(name);
    }

    @Override
    public SourceStatus run(String name) {
        return runner.runOnce(name);
    }

    @Override
    public List<String> kinds() {
        return factory.kinds();
    }
}
