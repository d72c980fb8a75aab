package dev.hindsight.ingest.pull;

import dev.hindsight.core.store.Checkpoints;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.ingest.fileimport.FormatRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    PullRunner pullRunner(PullProperties props, EventSink sink, Checkpoints checkpoints, FormatRegistry formats, Clock clock) {
        List<PullSource> sources = new ArrayList<>();
        props.pagerduty().forEach(p -> sources.add(new PagerDutyPull(p.name(), p.baseUrl(), p.token(),
                p.start() != null ? p.start() : clock.instant().minus(Duration.ofDays(1)), p.interval(), clock)));
        props.slack().forEach(s -> sources.add(new SlackHistoryPull(s.name(), s.baseUrl(), s.token(), s.channel(),
                s.channelName() != null ? s.channelName() : s.channel(), s.interval())));
        props.imap().forEach(i -> sources.add(new ImapPull(i.name(), i.host(), i.port(), i.ssl(), i.username(), i.password(),
                i.folder(), i.provider(), i.interval())));
        props.statuspage().forEach(s -> sources.add(new StatuspagePull(s.name(), s.url(), s.provider(), s.interval(), clock)));
        props.folders().forEach(f -> sources.add(new WatchedFolderPull(f.name(), f.path(), formats, f.interval(), clock)));
        return new PullRunner(sources, sink, checkpoints, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
    ApplicationRunner startPulling(PullRunner runner) {
        return args -> runner.start();
    }
}
