package dev.hindsight.ingest.source.alerts;

import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.IOException;

/** Grafana unified-alerting webhook notifications ({@code version "1"}, with {@code orgId} and {@code state}). */
class GrafanaDecoder implements FormatDecoder {

    @Override
    public String format() {
        return "grafana";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = JsonSource.head(head);
        return JsonSource.hasKey(text, "alerts") && JsonSource.hasKey(text, "orgId") ? 90 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        AlertNotifications.decode(JsonSource.read(file), file.name(), "grafana", context, sink);
    }
}
