/** Loading the sample incidents on the first start of a server. */
@NullMarked
package dev.hindsight.web.samples;

import org.jspecify.annotations.NullMarked;
