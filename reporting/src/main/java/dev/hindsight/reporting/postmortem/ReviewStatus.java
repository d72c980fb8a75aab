package dev.hindsight.reporting.postmortem;

/** Where a post-mortem is in its review. */
public enum ReviewStatus {
    DRAFT,
    IN_REVIEW,
    PUBLISHED
}
