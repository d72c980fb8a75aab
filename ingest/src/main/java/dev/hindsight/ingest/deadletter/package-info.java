/** Replaying dead letters: their kept bytes decoded again with the current decoders. */
@NullMarked
package dev.hindsight.ingest.deadletter;

import org.jspecify.annotations.NullMarked;
