/** Incidents: their window, scope, attached events and who may see them. */
@NullMarked
package dev.hindsight.search.incident;

import org.jspecify.annotations.NullMarked;
