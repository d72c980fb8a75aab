package dev.hindsight.search.internal.index;

import dev.hindsight.core.event.StoredEvent;
import java.util.List;
import java.util.function.LongConsumer;

/** The database as the index sees it: the ordered log it catches up from and compares itself with. */
public interface EventHistory {

    /** Up to {@code limit} events with a sequence greater than {@code afterSequence}, in sequence order. */
    List<StoredEvent> after(long afterSequence, int limit);

    /** Every current sequence, ascending. */
    void forEachSequence(LongConsumer consumer);

    /** Number of event rows. */
    long count();

    /** Ids of events the database no longer has (re-keyed or merged), which the index may still hold. */
    default List<String> removed() {
        return List.of();
    }

    /** The index has dropped these. */
    default void forgetRemoved(List<String> ids) {}
}
