package dev.hindsight.core.store;

/**
 * The write side of the event store.
 *
 * <p>{@link #append} returns only after the batch is committed durably to the database (the source of truth); only
 * then may a caller acknowledge the records (HTTP 2xx, checkpoint, "imported"). Events are deduplicated by their id,
 * so appending the same records again is safe and reports them as duplicates. Indexing for search follows the commit
 * and may lag it briefly; it never loses an event because the index catches up from the database.
 *
 * <p>Thread-safe: concurrent callers are serialized so that sequence order equals commit order.
 */
public interface EventSink {

    /**
     * Stores the batch in one transaction.
     *
     * @throws StoreUnavailableException when the database cannot accept writes now (the caller should retry later)
     */
    AppendResult append(EventBatch batch);
}
