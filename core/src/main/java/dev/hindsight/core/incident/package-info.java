/** Incident value types shared by the store, the timeline engine and reporting. */
@NullMarked
package dev.hindsight.core.incident;

import org.jspecify.annotations.NullMarked;
