package dev.hindsight.web.deadletters;

import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.search.store.DeadLetterRows;
import dev.hindsight.web.audit.AuditLog;
import dev.hindsight.web.security.CurrentViewer;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/dead-letters}, {@code POST /api/dead-letters/{id}/replay}, {@code POST /api/dead-letters/replay} (all pending). */
@RestController
class DeadLetterApi {

    private final DeadLetters deadLetters;
    private final AuditLog audit;

    DeadLetterApi(DeadLetters deadLetters, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    @GetMapping("/api/dead-letters")
    List<DeadLetterRows.Summary> list(@RequestParam(defaultValue = "true") boolean pending,
            @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(pending, limit);
    }

    @PostMapping("/api/dead-letters/{id}/replay")
    DeadLetters.Replay replay(@PathVariable long id) {
        DeadLetters.Replay result = deadLetters.replay(List.of(id), DecodeContext.utc()).get(0);
        audit.record(CurrentViewer.get().name(), "replay dead letter", String.valueOf(id),
                result.replayed() ? "success" : "failure", result.reason());
        return result;
    }

    @PostMapping("/api/dead-letters/replay")
    List<DeadLetters.Replay> replayAll() {
        List<DeadLetters.Replay> results = deadLetters.replay(List.of(), DecodeContext.utc());
        audit.record(CurrentViewer.get().name(), "replay dead letters", results.size() + " letters", "success",
                results.stream().filter(DeadLetters.Replay::replayed).count() + " replayed");
        return results;
    }
}
