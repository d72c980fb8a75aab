package dev.hindsight.web.ingest;

import dev.hindsight.ingest.pull.PullRunner;
import dev.hindsight.ingest.pull.SourceStatus;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/ingest/sources}: every pull source's last run, lag, counts and last error; {@code POST .../run} runs one now. */
@RestController
class IngestApi {

    private final PullRunner runner;

    IngestApi(PullRunner runner) {
        this.runner = runner;
    }

    @GetMapping("/api/ingest/sources")
    List<SourceStatus> sources() {
        return runner.statuses();
    }

    @PostMapping("/api/ingest/sources/{name}/run")
    SourceStatus run(@PathVariable String name) {
        return runner.runOnce(name);
    }
}
