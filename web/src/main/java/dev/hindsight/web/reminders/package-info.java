/**
 * Reminders that reach people: each owner's digest of action items due soon or overdue, by e-mail, and each team's
 * summary in its chat channel (Slack, Microsoft Teams, Mattermost incoming webhooks); a daily schedule, run now with
 * {@code actions remind}; per-user settings; every delivery recorded once per item and day, the database deciding.
 */
@NullMarked
package dev.hindsight.web.reminders;

import org.jspecify.annotations.NullMarked;
