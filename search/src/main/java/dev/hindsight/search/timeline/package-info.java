/** Timelines for a viewer: the engine's steps, the commander's curation laid over them, similar incidents. */
@NamedInterface("timeline")
@NullMarked
package dev.hindsight.search.timeline;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
