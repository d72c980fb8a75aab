package dev.hindsight.search.timeline;

import dev.hindsight.core.timeline.Timeline.MomentKind;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a commander decided about one timeline entry; the engine applies it on top of its own proposal.
 *
 * @param retimedAt the time the commander says it really happened (the source's time is kept beside it)
 * @param storyline the storyline the commander moved it to
 * @param moment the key moment the commander marked it as
 */
public record EntryCuration(
        String entryId,
        boolean pinned,
        boolean hidden,
        @Nullable String note,
        @Nullable Instant retimedAt,
        @Nullable String storyline,
        @Nullable MomentKind moment,
        String updatedBy,
        Instant updatedAt) {

    static EntryCuration blank(String entryId, String actor, Instant at) {
        return new EntryCuration(entryId, false, false, null, null, null, null, actor, at);
    }
}
