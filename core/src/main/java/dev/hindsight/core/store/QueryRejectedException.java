package dev.hindsight.core.store;

import dev.hindsight.core.error.InvalidInputException;

/** A search query that is malformed or too expensive to run; the message says which and why, for the user. */
public class QueryRejectedException extends InvalidInputException {
    public QueryRejectedException(String message) {
        super(message);
    }

    public QueryRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
