package dev.hindsight.web.cli;

/** The command line's exit codes (the contract's). */
public final class ExitCodes {

    /** The command ran but failed: nothing readable, store unavailable, check found differences. */
    public static final int FAILED = 1;

    /** A usage error (picocli's default). */
    public static final int USAGE = 2;

    /** Another Hindsight process holds the data directory. */
    public static final int BUSY = 3;

    /** Returned by {@code serve}: the web server runs on non-daemon threads and the JVM must not exit. */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;

    private ExitCodes() {}
}
