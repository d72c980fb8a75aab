/** The search over records people write (incidents, post-mortem sections, action items, notes, comments). */
@NullMarked
package dev.hindsight.search.internal.records;

import org.jspecify.annotations.NullMarked;
