package dev.hindsight.search.opensearch;

import dev.hindsight.core.store.ClusterJobs;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.search.internal.store.EventRows;
import dev.hindsight.search.internal.visibility.Visibility;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * With {@code hindsight.search.engine=opensearch}, event searches (the API, the pages, the command line) go to the
 * cluster, and a serving node feeds it from the database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hindsight.search.engine", havingValue = "opensearch")
@EnableConfigurationProperties(OpenSearchProperties.class)
class OpenSearchConfiguration {

    @Bean(destroyMethod = "close")
    OpenSearchIndex openSearchIndex(OpenSearchProperties props) {
        return new OpenSearchIndex(props);
    }

    @Bean
    @Primary
    EventSearch openSearchEventSearch(OpenSearchIndex index, Visibility visibility,
            @Value("${hindsight.search.query-time-budget:PT2S}") Duration timeBudget) {
        return new OpenSearchEventSearch(index, visibility, timeBudget);
    }

    @Bean(destroyMethod = "close")
    OpenSearchFeed openSearchFeed(OpenSearchIndex index, EventRows rows, ClusterJobs jobs, OpenSearchProperties props) {
        return new OpenSearchFeed(index, rows, jobs, props);
    }

    @Bean
    @ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
    ApplicationRunner startOpenSearchFeed(OpenSearchFeed feed) {
        return args -> feed.start();
    }
}
