package dev.hindsight.search.config;

import dev.hindsight.search.index.EventAnalyzers;
import dev.hindsight.search.index.LuceneIndex;
import dev.hindsight.search.query.LuceneEventSearch;
import dev.hindsight.search.store.DiskWatermark;
import dev.hindsight.search.store.EventRows;
import dev.hindsight.search.store.JdbcEventStore;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/** Wires the store: the index under {@code <data>/index}, the JDBC write path and Lucene search. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
public class SearchConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Opened eagerly: by the time anything can search, the index has caught up with the database. */
    @Bean(destroyMethod = "close")
    LuceneIndex luceneIndex(@Value("${hindsight.data:./data}") Path data, EventRows rows, SearchProperties props) {
        LuceneIndex index = new LuceneIndex(data.resolve("index"), EventAnalyzers.create(), rows, props.ramBufferMb());
        index.open(props.refreshInterval(), props.commitInterval());
        return index;
    }

    @Bean
    DiskWatermark diskWatermark(@Value("${hindsight.data:./data}") Path data,
            @Value("${hindsight.ingest.min-free-disk:512MB}") DataSize minFree) {
        return new DiskWatermark(data, minFree.toBytes());
    }

    @Bean
    JdbcEventStore eventStore(
            JdbcTemplate jdbc, TransactionTemplate tx, EventRows rows, LuceneIndex index, Clock clock,
            DiskWatermark disk) {
        return new JdbcEventStore(jdbc, tx, rows, index, clock, disk);
    }

    @Bean
    LuceneEventSearch eventSearch(LuceneIndex index, SearchProperties props) {
        return new LuceneEventSearch(index, props.queryTimeBudget());
    }
}
