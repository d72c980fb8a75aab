package dev.hindsight.reporting.actions;

/** The outside tracker (Jira) is not configured, unreachable, or refused the request; the message says which. */
public class TrackerException extends RuntimeException {

    public TrackerException(String message, Throwable cause) {
        super(message, cause);
    }

    public TrackerException(String message) {
        super(message);
    }
}
