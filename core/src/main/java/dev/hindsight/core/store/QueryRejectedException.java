package dev.hindsight.core.store;

/** A search query that is malformed or too expensive to run; the message says which and why, for the user. */
public class QueryRejectedException extends IllegalArgumentException {
    public QueryRejectedException(String message) {
        super(message);
    }

    public QueryRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
