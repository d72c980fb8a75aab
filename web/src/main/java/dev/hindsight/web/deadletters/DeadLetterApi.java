package dev.hindsight.web.deadletters;

import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.search.store.DeadLetterRows;
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

    DeadLetterApi(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/dead-letters")
    List<DeadLetterRows.Summary> list(@RequestParam(defaultValue = "true") boolean pending, @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(pending, limit);
    }

    @PostMapping("/api/dead-letters/{id}/replay")
    DeadLetters.Replay replay(@PathVariable long id) {
        return deadLetters.replay(List.of(id), DecodeContext.utc()).get(0);
    }

    @PostMapping("/api/dead-letters/replay")
    List<DeadLetters.Replay> replayAll() {
        return deadLetters.replay(List.of(), DecodeContext.utc());
    }
}
