package dev.hindsight.reporting.actions;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A lesson learned turned into work.
 *
 * @param lesson the lesson it comes from, as the post-mortem words it
 * @param trackerKey the issue in an outside tracker (Jira), once created there
 * @param trackerSyncedAt when the item and its issue last agreed (a change sent, a status received)
 * @param trackerSyncError why the last exchange with the tracker failed; null once one succeeds
 */
public record ActionItem(
        long id,
        String incidentKey,
        String title,
        @Nullable String lesson,
        @Nullable String owner,
        @Nullable String team,
        Type type,
        Priority priority,
        @Nullable LocalDate dueDate,
        Status status,
        @Nullable String trackerKey,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant closedAt,
        @Nullable Instant trackerSyncedAt,
        @Nullable String trackerSyncError) {

    public enum Type {
        PREVENT,
        DETECT,
        MITIGATE,
        PROCESS
    }

    public enum Priority {
        P1,
        P2,
        P3,
        P4
    }

    public enum Status {
        OPEN,
        IN_PROGRESS,
        DONE,
        WONT_DO;

        public boolean closed() {
            return this == DONE || this == WONT_DO;
        }
    }

    public boolean overdue(LocalDate today) {
        return !status.closed() && dueDate != null && dueDate.isBefore(today);
    }

    /** Days since it was opened, up to its closing or today. */
    public long ageDays(Instant now) {
        return java.time.Duration.between(createdAt, closedAt == null ? now : closedAt).toDays();
    }
}
