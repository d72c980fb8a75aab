package dev.hindsight.ingest.source.slack;

import dev.hindsight.ingest.spi.ArchiveDecoder;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.PullKind;
import dev.hindsight.ingest.spi.SourceFamily;
import java.util.List;
import org.springframework.stereotype.Component;

/** Slack: workspace exports (zipped, unpacked, or one day file) and a channel's history pulled from the Web API. */
@Component
class SlackFamily implements SourceFamily {

    private final SlackExportDecoder export = new SlackExportDecoder();

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of(export);
    }

    @Override
    public List<ArchiveDecoder> archiveDecoders() {
        return List.of(export);
    }

    @Override
    public List<PullKind<?>> pullKinds() {
        return List.<PullKind<?>>of(PullKind.of("slack", SlackPullSettings.class,
                (s, context) -> new SlackHistoryPull(s.name(), s.baseUrl(), s.token(), s.channel(),
                        s.channelName() != null ? s.channelName() : s.channel(), s.interval()),
                s -> List.of(new PullKind.Target.Url(s.baseUrl()))));
    }
}
