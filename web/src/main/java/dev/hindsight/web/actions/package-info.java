/** Action items: the list and team board, the REST API and feeds, the actions command. */
@NullMarked
package dev.hindsight.web.actions;

import org.jspecify.annotations.NullMarked;
