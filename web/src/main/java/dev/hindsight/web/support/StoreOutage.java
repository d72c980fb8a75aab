package dev.hindsight.web.support;

/** What a client is told when the store cannot take a write now (database away, disk at its watermark). */
public final class StoreOutage {

    /** Seconds a client should wait before retrying. */
    public static final String RETRY_AFTER_SECONDS = "30";

    private StoreOutage() {}
}
