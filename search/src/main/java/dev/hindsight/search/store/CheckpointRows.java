package dev.hindsight.search.store;

import dev.hindsight.core.store.Checkpoints;
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
}
