/** Action items: lessons learned as work with an owner, a due date and a status history, and their feeds (CSV, iCalendar, Jira). */
@NullMarked
package dev.hindsight.reporting.actions;

import org.jspecify.annotations.NullMarked;
