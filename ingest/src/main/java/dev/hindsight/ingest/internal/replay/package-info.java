/** Decoding dead letters again, inside their envelopes, as the import that rejected them would have. */
@NullMarked
package dev.hindsight.ingest.internal.replay;

import org.jspecify.annotations.NullMarked;
