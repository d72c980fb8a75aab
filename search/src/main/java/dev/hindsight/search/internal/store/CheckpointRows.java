package dev.hindsight.search.internal.store;

import dev.hindsight.core.store.Checkpoint;
import dev.hindsight.core.store.Checkpoints;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The checkpoints the store committed with their events. */
@Repository
public class CheckpointRows implements Checkpoints {

    private final JdbcTemplate jdbc;

    CheckpointRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> position(String partition) {
        return jdbc
                .queryForList("select position from ingest_checkpoint where partition_key = ?", String.class, partition)
                .stream().findFirst();
    }

    /** Saves a position reached; called inside the transaction that stores the events read up to it. */
    void save(Checkpoint checkpoint, Instant now) {
        int updated = jdbc.update("update ingest_checkpoint set position = ?, updated_at = ? where partition_key = ?",
                checkpoint.position(), EventRows.utc(now), checkpoint.partition());
        if (updated == 0) {
            jdbc.update("insert into ingest_checkpoint (partition_key, position, updated_at) values (?,?,?)",
                    checkpoint.partition(), checkpoint.position(), EventRows.utc(now));
        }
    }
}
