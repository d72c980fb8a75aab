package dev.hindsight.ingest.source.alerts;

import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.IOException;

/** Alertmanager webhook notifications saved as files (one notification, or an array of them). */
class AlertmanagerDecoder implements FormatDecoder {

    @Override
    public String format() {
        return "alertmanager";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = JsonSource.head(head);
        if (!JsonSource.hasKey(text, "alerts") || JsonSource.hasKey(text, "orgId")) {
            return 0;
        }
        return text.matches("(?s).*\"version\"\\s*:\\s*\"4\".*") || JsonSource.hasKey(text, "groupKey") ? 85 : 30;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        AlertNotifications.decode(JsonSource.read(file), file.name(), "alertmanager", context, sink);
    }
}
