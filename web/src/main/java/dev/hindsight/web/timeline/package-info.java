/** An incident's timeline: the workspace page, curation, similar incidents, the REST API and the timeline command. */
@NullMarked
package dev.hindsight.web.timeline;

import org.jspecify.annotations.NullMarked;
