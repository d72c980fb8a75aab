/** A post-mortem per incident: its sections, review states, versions and the draft written from the timeline. */
@NullMarked
package dev.hindsight.reporting.postmortem;

import org.jspecify.annotations.NullMarked;
