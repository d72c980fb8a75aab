/** Action items for a viewer: owners, teams, due dates, history, feeds (CSV, Jira CSV, iCalendar) and Jira issues. */
@NamedInterface("actions")
@NullMarked
package dev.hindsight.reporting.actions;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
