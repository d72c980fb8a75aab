package dev.hindsight.web.cli;

/** What a command prints: JSON for programs, or text for people. */
public enum OutputFormat {
    json,
    text
}
