package dev.hindsight.core.store;

import dev.hindsight.core.incident.Viewer;

/**
 * Replays dead letters that hold a whole batch of the write port rather than a source's records: the ingest bus keeps
 * a record the store refused (its incident gone, say) this way. Such a letter has no decoder among the source
 * formats, so the module that kept it also reads it back, and stores it directly, so the replay's counts are exact.
 */
public interface KeptBatches {

    /** The dead-letter format these letters are kept under. */
    String format();

    /**
     * Stores the kept batch again as the replaying viewer writes it (visibility of its incident is theirs), without
     * its checkpoint: the source has moved past it since.
     *
     * @throws IllegalArgumentException when the bytes are still not a batch this version can read, with the reason
     * @throws dev.hindsight.core.error.NotFoundException when the batch's incident does not exist for the viewer
     */
    AppendResult replay(byte[] raw, Viewer viewer);
}
