package dev.hindsight.ingest.pull;

import dev.hindsight.core.store.Checkpoints;
import dev.hindsight.core.store.EventSink;
import java.time.Clock;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured pull sources and their runner; polling runs in a server only, never during a CLI command. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PullProperties.class)
class PullConfiguration {

    @Bean(destroyMethod = "close")
    PullRunner pullRunner(PullProperties props, EventSink sink, Checkpoints checkpoints, PullSources factory,
            Clock clock) {
        return new PullRunner(factory.create(props), sink, checkpoints, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
    ApplicationRunner startPulling(PullRunner runner) {
        return args -> runner.start();
    }
}
