package dev.hindsight.reporting.actions;

import dev.hindsight.core.error.InvalidInputException;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** What it takes to open an action item. */
public record NewActionItem(
        String incidentKey,
        String title,
        @Nullable String lesson,
        @Nullable String owner,
        @Nullable String team,
        ActionItem.Type type,
        ActionItem.Priority priority,
        @Nullable LocalDate dueDate) {

    public NewActionItem {
        if (title == null || title.isBlank() || title.length() > 500) {
            throw new InvalidInputException("an action item needs a title of 1 to 500 characters");
        }
    }

    /** The same item for another incident (the one the caller was allowed to open it in). */
    NewActionItem forIncident(String key) {
        return new NewActionItem(key, title, lesson, owner, team, type, priority, dueDate);
    }
}
