package dev.hindsight.ingest.source.alerts;

import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.SourceFamily;
import dev.hindsight.ingest.spi.WebhookMapping;
import java.util.List;
import org.springframework.stereotype.Component;

/** Prometheus Alertmanager and Grafana alerting: webhook notifications, pushed or saved as files. */
@Component
class AlertsFamily implements SourceFamily {

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of(new AlertmanagerDecoder(), new GrafanaDecoder());
    }

    @Override
    public List<WebhookMapping> webhooks() {
        return List.of(WebhookMapping.of("alertmanager", "alertmanager"), WebhookMapping.of("grafana", "grafana"));
    }
}
