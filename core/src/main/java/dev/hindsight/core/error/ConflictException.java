package dev.hindsight.core.error;

/** The request clashes with the current state (a key in use, a stale version, a move the state does not allow). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
