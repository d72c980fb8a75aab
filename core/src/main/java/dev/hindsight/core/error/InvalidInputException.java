package dev.hindsight.core.error;

/** Input that cannot be accepted as given; the message names the field or value at fault and what would be right. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
