package dev.hindsight.reporting.postmortem;

import java.time.Instant;

/** A saved version of a post-mortem, as the history lists it. */
public record PostMortemVersion(int version, ReviewStatus status, String changedBy, Instant changedAt) {}
