package dev.hindsight.ingest.source.opsgenie;

import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.SourceFamily;
import java.util.List;
import org.springframework.stereotype.Component;

/** Opsgenie: alert log pages saved from its API. */
@Component
class OpsgenieFamily implements SourceFamily {

    @Override
    public String name() {
        return "opsgenie";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of(new OpsgenieDecoder());
    }
}
