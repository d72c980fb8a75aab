package dev.hindsight.core.error;

/**
 * What was asked for does not exist, or the viewer may not see it: the two answers are the same, so that a hidden
 * incident, event or dead letter cannot be told apart from a missing one.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
