/**
 * Failures a caller can act on, free of any transport: the web layer maps each to its HTTP problem (404, 409, 400),
 * the command line to its exit code. Anything else that escapes is a bug.
 */
@NullMarked
package dev.hindsight.core.error;

import org.jspecify.annotations.NullMarked;
