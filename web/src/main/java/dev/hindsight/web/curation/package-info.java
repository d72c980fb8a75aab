/** Curating an incident's timeline over HTTP: edits of entries, manual events, the history of both. */
@NullMarked
package dev.hindsight.web.curation;

import org.jspecify.annotations.NullMarked;
