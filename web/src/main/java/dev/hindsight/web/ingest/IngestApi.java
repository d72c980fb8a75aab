package dev.hindsight.web.ingest;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.ingest.pull.PullSources;
import dev.hindsight.ingest.pull.SourceStatus;
import dev.hindsight.search.maintenance.StoreMaintenance;
import dev.hindsight.web.security.CurrentViewer;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Pull sources: {@code GET /api/ingest/sources} (last run, lag, counts, last error of each), {@code POST} to add one
 * ({@code {"kind": "pagerduty", "settings": {"name": "main", "token": "..."}}}, the same settings as the properties),
 * {@code DELETE /{name}}, and {@code POST /{name}/run} to run one now. Changes are for admins. {@code GET
 * /api/ingest/nodes}: the nodes serving this database.
 */
@RestController
class IngestApi {

    private final PullSources sources;
    private final StoreMaintenance maintenance;

    IngestApi(PullSources sources, StoreMaintenance maintenance) {
        this.sources = sources;
        this.maintenance = maintenance;
    }

    /** The nodes serving this database, each with how far its search index is behind the database. */
    @GetMapping("/api/ingest/nodes")
    List<StoreMaintenance.NodeStatus> nodes() {
        return maintenance.nodes();
    }

    @GetMapping("/api/ingest/sources")
    List<SourceStatus> sources() {
        return sources.statuses();
    }

    @PostMapping("/api/ingest/sources")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> add(@RequestBody JsonNode body) {
        JsonNode kind = body.get("kind");
        if (kind == null || !kind.isString()) {
            throw new InvalidInputException("'kind' is required: one of " + sources.kinds());
        }
        return Map.of("name", sources.add(kind.asString(), body.get("settings"), CurrentViewer.get()));
    }

    @DeleteMapping("/api/ingest/sources/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String name) {
        sources.remove(name);
    }

    @PostMapping("/api/ingest/sources/{name}/run")
    SourceStatus run(@PathVariable String name) {
        return sources.run(name);
    }
}
