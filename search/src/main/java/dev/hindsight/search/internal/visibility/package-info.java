/** Which incidents a viewer may not see: the one place the search module asks. */
@NullMarked
package dev.hindsight.search.internal.visibility;

import org.jspecify.annotations.NullMarked;
