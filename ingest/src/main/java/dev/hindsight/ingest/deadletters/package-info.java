/** Dead letters as other modules list and replay them: {@link dev.hindsight.ingest.deadletters.DeadLetters}. */
@NamedInterface("deadletters")
@NullMarked
package dev.hindsight.ingest.deadletters;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
