/** Dead letters: listing what was rejected, and replaying it after a fix. */
@NullMarked
package dev.hindsight.web.deadletters;

import org.jspecify.annotations.NullMarked;
