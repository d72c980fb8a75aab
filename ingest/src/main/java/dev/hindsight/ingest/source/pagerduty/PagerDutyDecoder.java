package dev.hindsight.ingest.source.pagerduty;

import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.IOException;

/** PagerDuty JSON as its REST API returns it (log entries, incidents) or as v3 webhooks deliver it. */
class PagerDutyDecoder implements FormatDecoder {

    @Override
    public String format() {
        return "pagerduty";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = JsonSource.head(head);
        if (JsonSource.hasKey(text, "log_entries") || text.contains("_log_entry\"")) {
            return 90;
        }
        if (JsonSource.hasKey(text, "incidents") && JsonSource.hasKey(text, "incident_number")) {
            return 85;
        }
        if (JsonSource.hasKey(text, "messages") && text.contains("\"incident.")) {
            return 80; // v1 and v2 webhooks
        }
        return JsonSource.hasKey(text, "event_type") && text.contains("\"incident.") ? 85 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        PagerDutyRecords.decode(JsonSource.read(file), file.name(), context, sink);
    }
}
