/** First start: the sample incidents loaded from their raw files. */
@NullMarked
package dev.hindsight.web.samples;

import org.jspecify.annotations.NullMarked;
