/** Incidents: the list, declaring one, the REST API and the incident command. */
@NullMarked
package dev.hindsight.web.incidents;

import org.jspecify.annotations.NullMarked;
