/** Fault points the crash tests use to stop the process at a chosen moment. */
@NullMarked
package dev.hindsight.core.fault;

import org.jspecify.annotations.NullMarked;
