package dev.hindsight.ingest.source.generic;

import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.SourceFamily;
import dev.hindsight.ingest.spi.WebhookMapping;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The generic formats of the contract: jsonl and csv files with the fields {@code at}, {@code title}..., and the
 * generic webhook, whose body is a jsonl record as JSON or an array of them.
 */
@Component
class GenericFamily implements SourceFamily {

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of(new JsonlDecoder(), new CsvDecoder());
    }

    @Override
    public List<WebhookMapping> webhooks() {
        return List.of(WebhookMapping.of("generic", "jsonl"));
    }
}
