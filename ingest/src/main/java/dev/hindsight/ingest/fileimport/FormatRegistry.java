package dev.hindsight.ingest.fileimport;

import dev.hindsight.ingest.spi.FormatDecoder;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The decoders this build knows, by format name, and auto-detection among them. */
@Component
public class FormatRegistry {

    private final List<FormatDecoder> decoders;

    public FormatRegistry(List<FormatDecoder> decoders) {
        this.decoders = decoders.stream().sorted(Comparator.comparing(FormatDecoder::format)).toList();
    }

    public List<String> formats() {
        return decoders.stream().map(FormatDecoder::format).toList();
    }

    public Optional<FormatDecoder> byName(String format) {
        return decoders.stream().filter(d -> d.format().equals(format)).findFirst();
    }

    /** The decoder most confident that this is its format, if any is at all. */
    public Optional<FormatDecoder> detect(String fileName, byte[] head) {
        FormatDecoder best = null;
        int bestScore = 0;
        for (FormatDecoder decoder : decoders) {
            int score = decoder.confidence(fileName, head);
            if (score > bestScore) {
                best = decoder;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }
}
