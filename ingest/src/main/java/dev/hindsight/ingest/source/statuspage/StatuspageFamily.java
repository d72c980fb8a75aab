package dev.hindsight.ingest.source.statuspage;

import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.PullKind;
import dev.hindsight.ingest.spi.SourceFamily;
import dev.hindsight.ingest.spi.WebhookMapping;
import java.util.List;
import org.springframework.stereotype.Component;

/** Atlassian Statuspage: the public API's incidents, webhook bodies, and a provider's page pulled on a schedule. */
@Component
class StatuspageFamily implements SourceFamily {

    @Override
    public String name() {
        return "statuspage";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of(new StatuspageDecoder());
    }

    @Override
    public List<WebhookMapping> webhooks() {
        return List.of(WebhookMapping.of("statuspage", "statuspage"));
    }

    @Override
    public List<PullKind<?>> pullKinds() {
        return List.<PullKind<?>>of(PullKind.of("statuspage", StatuspagePullSettings.class,
                (s, context) -> new StatuspagePull(s.name(), s.url(), s.provider(), s.interval(), context.clock()),
                s -> List.of(new PullKind.Target.Url(s.url()))));
    }
}
