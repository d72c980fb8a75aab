package dev.hindsight.search.internal.cluster;

import dev.hindsight.core.store.ClusterJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link ClusterJobs} on ShedLock's table in the shared database. Lock times are the database's clock, so nodes whose
 * clocks drift still agree on when a lock ends.
 */
public final class DatabaseJobLocks implements ClusterJobs {

    private final LockingTaskExecutor executor;

    public DatabaseJobLocks(JdbcTemplate jdbc) {
        this.executor = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(jdbc)
                        .usingDbTime()
                        .build()));
    }

    @Override
    public boolean runExclusively(String job, Duration holdAtLeast, Duration holdAtMost, Runnable task) {
        Duration atMost = holdAtMost.compareTo(holdAtLeast) < 0 ? holdAtLeast : holdAtMost;
        LockConfiguration lock = new LockConfiguration(Instant.now(), lockName(job), atMost, holdAtLeast);
        try {
            return executor.executeWithLock(
                    () -> {
                        task.run();
                        return true;
                    },
                    lock)
                    .wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("job " + job + " failed", e);
        }
    }

    /** The table's key holds 64 characters: longer job names keep a readable start and a hash of the whole. */
    static String lockName(String job) {
        if (job.length() <= 64) {
            return job;
        }
        return job.substring(0, 47) + "#" + HexFormat.of().toHexDigits(job.hashCode());
    }
}
