package dev.hindsight.core.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named places where the crash tests stop the process dead, as a power cut would: {@code -Dhindsight.crash=NAME@N}
 * halts the JVM (no shutdown hooks, no flushing) the N-th time the code passes NAME. Without the property (always, in
 * production) a fault point is one volatile read.
 */
public final class FaultPoints {

    /** Inside the store's transaction, after the rows are written and before the commit. */
    public static final String STORE_BEFORE_COMMIT = "store.before-commit";
    /** After the store's commit, before anyone is told (no 2xx, no progress line). */
    public static final String STORE_AFTER_COMMIT = "store.after-commit";
    /** After a webhook's batch is stored, before the HTTP answer is written. */
    public static final String HOOK_BEFORE_REPLY = "hook.before-reply";
    /** In the middle of a Lucene commit: the writer's files are being written. */
    public static final String INDEX_COMMIT = "index.commit";

    private static final String SPEC = System.getProperty("hindsight.crash", "");
    private static final Map<String, AtomicInteger> PASSES = new ConcurrentHashMap<>();

    private FaultPoints() {}

    public static void reach(String name) {
        if (SPEC.isEmpty() || !SPEC.startsWith(name + "@")) {
            return;
        }
        int at = Integer.parseInt(SPEC.substring(name.length() + 1));
        if (PASSES.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() == at) {
            Runtime.getRuntime().halt(137);
        }
    }
}
