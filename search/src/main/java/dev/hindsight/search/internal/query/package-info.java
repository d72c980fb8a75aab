/** Search over the index: bounded query parsing, filters, facets, highlighted snippets. */
@NullMarked
package dev.hindsight.search.internal.query;

import org.jspecify.annotations.NullMarked;
