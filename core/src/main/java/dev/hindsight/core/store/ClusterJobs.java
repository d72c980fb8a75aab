package dev.hindsight.core.store;

import java.time.Duration;

/**
 * Jobs that must run on one node at a time however many nodes share the database: pull sources and the reminder
 * schedule. The lock lives in the database, so a node that dies holding it gives it up when {@code holdAtMost} ends.
 */
public interface ClusterJobs {

    /**
     * Runs {@code task} on this thread unless another node holds {@code job}; answers whether it ran. The job stays
     * held for at least {@code holdAtLeast} after it starts (so the other nodes' schedules, firing moments later, skip
     * it) and at most {@code holdAtMost} if this node never finishes.
     */
    boolean runExclusively(String job, Duration holdAtLeast, Duration holdAtMost, Runnable task);

    /** For one process that shares its database with nobody (tests, the command line): every job just runs. */
    ClusterJobs SINGLE_NODE = (job, holdAtLeast, holdAtMost, task) -> {
        task.run();
        return true;
    };
}
