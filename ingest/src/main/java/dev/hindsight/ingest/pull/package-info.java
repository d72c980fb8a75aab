/** Pull workers: scheduled, resumable from a checkpoint committed with the events, with backoff and per-source status. */
@NullMarked
package dev.hindsight.ingest.pull;

import org.jspecify.annotations.NullMarked;
