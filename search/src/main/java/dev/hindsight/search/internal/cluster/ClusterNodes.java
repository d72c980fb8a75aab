package dev.hindsight.search.internal.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This node's heartbeat: every few seconds it writes when it was last seen and how far its index has read, so any
 * node can list them all. A node silent for an hour is forgotten.
 */
public final class ClusterNodes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterNodes.class);
    static final Duration BEAT = Duration.ofSeconds(5);
    static final Duration FORGOTTEN_AFTER = Duration.ofHours(1);

    /** A node as last reported. */
    public record Node(String id, String host, Instant startedAt, Instant seenAt, long indexedSequence) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final LongSupplier indexed;
    private final String id;
    private final String host;
    private final Instant startedAt;
    private boolean started;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public ClusterNodes(JdbcTemplate jdbc, Clock clock, LongSupplier indexed) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.indexed = indexed;
        this.host = hostName();
        this.id = host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Starts beating (the first beat at once); a second call does nothing. */
    public synchronized void start() {
        if (!started) {
            started = true;
            beats.scheduleWithFixedDelay(this::beatQuietly, 0, BEAT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public String id() {
        return id;
    }

    /** Every node seen within the last hour, this one included; the most recently seen first. */
    public List<Node> nodes() {
        return jdbc.query("select node_id, host, started_at, seen_at, indexed_seq from cluster_node"
                + " order by seen_at desc, node_id",
                (rs, i) -> new Node(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getLong(5)));
    }

    void beat() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        long position = indexed.getAsLong();
        int updated = jdbc.update("update cluster_node set seen_at = ?, indexed_seq = ? where node_id = ?", now,
                position, id);
        if (updated == 0) {
            jdbc.update("insert into cluster_node (node_id, host, started_at, seen_at, indexed_seq)"
                    + " values (?,?,?,?,?)", id, host, startedAt.atOffset(ZoneOffset.UTC), now, position);
        }
        jdbc.update("delete from cluster_node where seen_at < ?", now.minus(FORGOTTEN_AFTER));
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (DataAccessException | IllegalStateException e) { // the database is away: the next beat tries again
            log.debug("Heartbeat not written: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        beats.shutdownNow();
        if (!started) {
            return;
        }
        try {
            jdbc.update("delete from cluster_node where node_id = ?", id);
        } catch (DataAccessException | IllegalStateException e) {
            log.debug("Could not sign this node off: {}", e.toString());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
