package dev.hindsight.ingest.pull;

import dev.hindsight.ingest.fileimport.FormatRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds pull sources from their configuration, whether it comes from properties or from the API. */
@Component
public class PullSources {

    private final FormatRegistry formats;
    private final Clock clock;

    PullSources(FormatRegistry formats, Clock clock) {
        this.formats = formats;
        this.clock = clock;
    }

    public List<PullSource> create(PullProperties props) {
        List<PullSource> sources = new ArrayList<>();
        props.pagerduty().forEach(p -> sources.add(create(p)));
        props.slack().forEach(s -> sources.add(create(s)));
        props.imap().forEach(i -> sources.add(create(i)));
        props.statuspage().forEach(s -> sources.add(create(s)));
        props.folders().forEach(f -> sources.add(create(f)));
        return sources;
    }

    public PullSource create(PullProperties.PagerDuty p) {
        return new PagerDutyPull(p.name(), p.baseUrl(), p.token(),
                p.start() != null ? p.start() : clock.instant().minus(Duration.ofDays(1)),
                p.interval(), clock);
    }

    public PullSource create(PullProperties.Slack s) {
        return new SlackHistoryPull(s.name(), s.baseUrl(), s.token(), s.channel(),
                s.channelName() != null ? s.channelName() : s.channel(),
                s.interval());
    }

    public PullSource create(PullProperties.Imap i) {
        return new ImapPull(i.name(), i.host(), i.port(), i.ssl(), i.username(), i.password(), i.folder(), i.provider(),
                i.interval());
    }

    public PullSource create(PullProperties.Statuspage s) {
        return new StatuspagePull(s.name(), s.url(), s.provider(), s.interval(), clock);
    }

    public PullSource create(PullProperties.Folder f) {
        return new WatchedFolderPull(f.name(), f.path(), formats, f.interval(), clock);
    }
}
