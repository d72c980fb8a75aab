package dev.hindsight.web.ingest;

import dev.hindsight.core.store.DeadLetterStore;
import dev.hindsight.ingest.deadletters.DeadLetters;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/dead-letters}, {@code POST /api/dead-letters/{id}/replay}, {@code POST /api/dead-letters/replay}
 * (every pending one the caller may see).
 */
@RestController
class DeadLetterApi {

    private final DeadLetters deadLetters;
    private final AuditLog audit;

    DeadLetterApi(DeadLetters deadLetters, AuditLog audit) {
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    @GetMapping("/api/dead-letters")
    List<DeadLetterStore.Summary> list(@RequestParam(defaultValue = "true") boolean pending,
            @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(CurrentViewer.get(), pending, limit);
    }

    @PostMapping("/api/dead-letters/{id}/replay")
    DeadLetters.Replay replay(@PathVariable long id) {
        DeadLetters.Replay result = deadLetters.replay(List.of(id), CurrentViewer.get()).get(0);
        audit.record(CurrentViewer.actor(), "replay dead letter", String.valueOf(id),
                result.replayed() ? "success" : "failure", result.reason());
        return result;
    }

    @PostMapping("/api/dead-letters/replay")
    List<DeadLetters.Replay> replayAll() {
        List<DeadLetters.Replay> results = deadLetters.replay(List.of(), CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "replay dead letters", results.size() + " letters", "success",
                results.stream().filter(DeadLetters.Replay::replayed).count() + " replayed");
        return results;
    }
}
