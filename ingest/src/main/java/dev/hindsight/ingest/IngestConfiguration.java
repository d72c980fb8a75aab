package dev.hindsight.ingest;

import dev.hindsight.core.store.Checkpoints;
import dev.hindsight.core.store.ClusterJobs;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.core.store.ModuleSchema;
import dev.hindsight.ingest.internal.pull.PullRunner;
import dev.hindsight.ingest.internal.pull.PullSourceFactory;
import dev.hindsight.ingest.internal.pull.PullTargets;
import dev.hindsight.ingest.source.pagerduty.PagerDutyWebhookSettings;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ingest module's settings, its table, and the pull sources' runner. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class IngestConfiguration {

    /** Pull sources added through the API. */
    @Bean
    ModuleSchema ingestSchema() {
        return new ModuleSchema("ingest", "classpath:db/ingest", 3, List.of("4"));
    }

    @Bean
    PagerDutyWebhookSettings pagerDutyWebhookSettings(IngestProperties props) {
        return props.pagerduty();
    }

    @Bean
    PullTargets pullTargets(IngestProperties props) {
        return new PullTargets(props.pull().allowedHosts(), props.pull().allowedFolders());
    }

    /** The configured pull sources; they run in a server only, never during a command. */
    @Bean(destroyMethod = "close")
    PullRunner pullRunner(IngestProperties props, EventSink sink, Checkpoints checkpoints, PullSourceFactory factory,
            Clock clock, ObjectProvider<ClusterJobs> jobs) {
        return new PullRunner(props.pull().configured().stream().map(factory::create).toList(), sink, checkpoints,
                clock, jobs.getIfAvailable(() -> ClusterJobs.SINGLE_NODE));
    }

    @Bean
    @ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
    ApplicationRunner startPulling(PullRunner runner) {
        return args -> runner.start();
    }
}
