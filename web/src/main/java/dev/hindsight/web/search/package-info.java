/** Searching events: the search page, the REST API, single events and their raw records, the search command. */
@NullMarked
package dev.hindsight.web.search;

import org.jspecify.annotations.NullMarked;
