package dev.hindsight.core.testing;

/**
 * Seeds for tests that randomise what must not matter. A run prints its seed; {@code -Dhindsight.test.seed=N} replays
 * exactly that run.
 */
public final class TestSeeds {

    public static final String PROPERTY = "hindsight.test.seed";

    private TestSeeds() {}

    /** The seed to replay, or a fresh one; printed either way with the test's name. */
    public static long seed(String test) {
        String given = System.getProperty(PROPERTY);
        long seed = given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.strip());
        System.out.println(test + " seed=" + seed + " (replay: -D" + PROPERTY + "=" + seed + ")");
        return seed;
    }
}
