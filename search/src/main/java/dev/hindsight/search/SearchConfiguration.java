package dev.hindsight.search;

import dev.hindsight.core.store.ClusterJobs;
import dev.hindsight.core.store.DataRoot;
import dev.hindsight.core.store.ModuleSchema;
import dev.hindsight.search.internal.index.EventAnalyzers;
import dev.hindsight.search.internal.cluster.ClusterNodes;
import dev.hindsight.search.internal.cluster.DatabaseJobLocks;
import dev.hindsight.search.internal.cluster.SharedDatabase;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.search.internal.query.LuceneEventSearch;
import dev.hindsight.search.internal.schema.ModuleMigrations;
import dev.hindsight.search.internal.schema.SearchMigrations;
import dev.hindsight.search.internal.store.CheckpointRows;
import dev.hindsight.search.internal.store.DeadLetterRows;
import dev.hindsight.search.internal.store.DiskWatermark;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.search.internal.store.JdbcEventStore;
import dev.hindsight.search.internal.visibility.Visibility;
import dev.hindsight.search.timeline.TimelineSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the store: the database (every module's migrations, each in its own history), the index under
 * {@code <data>/index}, the JDBC write path and Lucene search.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The store's own tables: events, dead letters, checkpoints, incidents, curation. */
    @Bean
    ModuleSchema searchSchema() {
        return new ModuleSchema("search", SearchMigrations.LOCATION, 1, List.of("1", "2", "5"));
    }

    /** Runs each module's migrations in order, each with its own history table. */
    @Bean
    FlywayMigrationStrategy moduleMigrations(List<ModuleSchema> schemas) {
        return new ModuleMigrations(schemas, Map.of("search", SearchMigrations.java()));
    }

    @Bean
    TimelineSettings timelineSettings(SearchProperties props) {
        return props.timeline();
    }

    @Bean
    SharedDatabase sharedDatabase(JdbcTemplate jdbc) {
        return new SharedDatabase(jdbc);
    }

    /**
     * Opened eagerly: by the time anything can search, the index has caught up with the database. On a database other
     * nodes write to, it then keeps following their commits.
     */
    @Bean(destroyMethod = "close")
    LuceneIndex luceneIndex(DataRoot data, EventRows rows, SearchProperties props, SharedDatabase database) {
        LuceneIndex index = new LuceneIndex(data.resolve("index"), EventAnalyzers.create(), rows, props.ramBufferMb());
        index.open(props.refreshInterval(), props.commitInterval(), props.searchIdleAfter());
        if (database.shared()) {
            index.follow(props.followInterval());
        }
        return index;
    }

    /** Once-per-cluster jobs (pull sources, reminders) lock through the database every node shares. */
    @Bean
    ClusterJobs clusterJobs(JdbcTemplate jdbc) {
        return new DatabaseJobLocks(jdbc);
    }

    /** This node's heartbeat, for the list of nodes on the ingest page (started by a serving node). */
    @Bean(destroyMethod = "close")
    ClusterNodes clusterNodes(JdbcTemplate jdbc, Clock clock, LuceneIndex index) {
        return new ClusterNodes(jdbc, clock, index::addedSequence);
    }

    @Bean
    DiskWatermark diskWatermark(DataRoot data, SearchProperties props) {
        return new DiskWatermark(data.path(), props.minFreeDisk().toBytes());
    }

    @Bean
    JdbcEventStore eventStore(JdbcTemplate jdbc, TransactionTemplate tx, EventRows rows, LuceneIndex index,
            Clock clock, DiskWatermark disk, Visibility visibility, DeadLetterRows deadLetters,
            CheckpointRows checkpoints, SharedDatabase database) {
        return new JdbcEventStore(jdbc, tx, rows, index, clock, disk, visibility, deadLetters, checkpoints, database);
    }

    @Bean
    LuceneEventSearch eventSearch(LuceneIndex index, Visibility visibility, SearchProperties props) {
        return new LuceneEventSearch(index, visibility, props.queryTimeBudget());
    }
}
