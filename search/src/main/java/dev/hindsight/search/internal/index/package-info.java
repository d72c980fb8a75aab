/** The Lucene index: schema, document mapping, near-real-time refresh, commits that record the indexed sequence. */
@NullMarked
package dev.hindsight.search.internal.index;

import org.jspecify.annotations.NullMarked;
