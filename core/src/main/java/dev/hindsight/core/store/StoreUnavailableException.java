package dev.hindsight.core.store;

/** The store cannot accept writes right now (database down, disk above its watermark); nothing was committed. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
