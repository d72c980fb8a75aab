/** A commander's curation of a timeline: pins, hides, notes, re-timed entries, moved entries and marked moments. */
@NullMarked
package dev.hindsight.search.curation;

import org.jspecify.annotations.NullMarked;
