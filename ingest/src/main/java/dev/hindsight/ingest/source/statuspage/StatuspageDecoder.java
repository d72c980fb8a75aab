package dev.hindsight.ingest.source.statuspage;

import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.IOException;

/** Statuspage JSON files: public API responses or saved webhook bodies. */
class StatuspageDecoder implements FormatDecoder {

    @Override
    public String format() {
        return "statuspage";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        String text = JsonSource.head(head);
        if (JsonSource.hasKey(text, "incident_updates")) {
            return 90;
        }
        if (JsonSource.hasKey(text, "component_update") && JsonSource.hasKey(text, "new_status")) {
            return 85;
        }
        return JsonSource.hasKey(text, "incidents") && JsonSource.hasKey(text, "page")
                && !JsonSource.hasKey(text, "incident_number") ? 60 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        try {
            StatuspageRecords.decode(JsonSource.read(file), file.name(), context, sink);
        } catch (JsonSource.Skip skip) {
            sink.skipped(file.name(), skip.getMessage());
        }
    }
}
