/** Pull sources as other modules use them: {@link dev.hindsight.ingest.pull.PullSources} and their status. */
@NamedInterface("pull")
@NullMarked
package dev.hindsight.ingest.pull;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
