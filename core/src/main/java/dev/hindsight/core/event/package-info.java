/** The normalized event: what happened, when, according to which source, and where it came from. */
@NullMarked
package dev.hindsight.core.event;

import org.jspecify.annotations.NullMarked;
