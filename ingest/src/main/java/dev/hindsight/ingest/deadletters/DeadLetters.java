package dev.hindsight.ingest.deadletters;

import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.AppendResult;
import dev.hindsight.core.store.DeadLetterStore;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.KeptBatches;
import dev.hindsight.ingest.internal.replay.ReplayDecoder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Dead letters for the people who run ingest: what was rejected and why, and replays after a fix. A replay decodes
 * the kept bytes as the import that rejected them would have and stores the events into the incident that import
 * named (duplicates stay duplicates), then marks the letter replayed; a crash between the two leaves it pending, and
 * replaying it again is harmless. A letter that holds a whole batch of the write port (the ingest bus keeps those) is
 * replayed by the module that kept it ({@link KeptBatches}). A letter of an import into an incident the viewer may
 * not see does not exist for them.
 */
@Service
public class DeadLetters {

    /** Most letters one "replay all" takes. */
    static final int MAX_REPLAY = 10_000;

    private final DeadLetterStore store;
    private final ReplayDecoder decoder;
    private final EventSink sink;
    private final Map<String, KeptBatches> keptBatches;
    private final Clock clock;

    DeadLetters(DeadLetterStore store, ReplayDecoder decoder, EventSink sink, List<KeptBatches> keptBatches,
            Clock clock) {
        this.store = store;
        this.decoder = decoder;
        this.sink = sink;
        this.keptBatches = keptBatches.stream().collect(Collectors.toMap(KeptBatches::format, k -> k));
        this.clock = clock;
    }

    /** What replaying one letter did. */
    public record Replay(long id, String origin, boolean replayed, long accepted, long duplicates,
            @Nullable String reason) {}

    /** Newest first. */
    public List<DeadLetterStore.Summary> list(Viewer viewer, boolean pendingOnly, int limit) {
        return store.list(viewer, pendingOnly, limit);
    }

    public long pending(Viewer viewer) {
        return store.pending(viewer);
    }

    /**
     * Replays these letters, or every pending one the viewer may see when none are named.
     *
     * @throws NotFoundException when a named letter does not exist or is hidden from the viewer
     */
    public List<Replay> replay(List<Long> ids, Viewer viewer) {
        List<Long> targets = ids.isEmpty()
                ? store.list(viewer, true, MAX_REPLAY).stream().map(DeadLetterStore.Summary::id).toList()
                : ids;
        List<Replay> results = new ArrayList<>();
        for (long id : targets) {
            results.add(replayOne(id, viewer));
        }
        return results;
    }

    private Replay replayOne(long id, Viewer viewer) {
        DeadLetterStore.Letter letter = store.get(id, viewer)
                .orElseThrow(() -> new NotFoundException("no dead letter " + id));
        DeadLetterStore.Summary s = letter.summary();
        if (s.replayedAt() != null) {
            return new Replay(id, s.origin(), true, 0, 0, "already replayed at " + s.replayedAt());
        }
        if (s.truncated()) { // whatever reads it back, a part is not the input
            return new Replay(id, s.origin(), false, 0, 0,
                    "only the first part of this input was kept; import the original again");
        }
        KeptBatches batches = keptBatches.get(s.format());
        if (batches != null) {
            return replayBatch(letter, batches, viewer);
        }
        return switch (decoder.decode(letter)) {
            case ReplayDecoder.StillRejected still -> new Replay(id, s.origin(), false, 0, 0, still.reason());
            case ReplayDecoder.Decoded decoded -> {
                AppendResult stored = sink.append(new EventBatch(decoded.events(), List.of(),
                        letter.replay().incidentKey(), null, viewer));
                store.markReplayed(id, clock.instant());
                yield new Replay(id, s.origin(), true, stored.accepted(), stored.duplicates(), null);
            }
        };
    }

    private Replay replayBatch(DeadLetterStore.Letter letter, KeptBatches batches, Viewer viewer) {
        DeadLetterStore.Summary s = letter.summary();
        AppendResult stored;
        try {
            stored = batches.replay(letter.raw(), viewer);
        } catch (IllegalArgumentException | NotFoundException e) { // still unreadable, or its incident still gone
            return new Replay(s.id(), s.origin(), false, 0, 0, e.getMessage());
        }
        store.markReplayed(s.id(), clock.instant());
        return new Replay(s.id(), s.origin(), true, stored.accepted(), stored.duplicates(), null);
    }
}
