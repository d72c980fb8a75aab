package dev.hindsight.ingest.fileimport;

import dev.hindsight.ingest.spi.Archive;
import dev.hindsight.ingest.spi.ArchiveDecoder;
import dev.hindsight.ingest.spi.FormatDecoder;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The decoders this build knows, by format name, and auto-detection among them. */
@Component
public class FormatRegistry {

    private final List<FormatDecoder> decoders;
    private final List<ArchiveDecoder> archiveDecoders;

    @Autowired
    public FormatRegistry(List<FormatDecoder> decoders, List<ArchiveDecoder> archiveDecoders) {
        this.decoders = decoders.stream().sorted(Comparator.comparing(FormatDecoder::format)).toList();
        this.archiveDecoders = List.copyOf(archiveDecoders);
    }

    public FormatRegistry(List<FormatDecoder> decoders) {
        this(decoders,
                decoders.stream().filter(ArchiveDecoder.class::isInstance).map(ArchiveDecoder.class::cast).toList());
    }

    /** Every format name a file or archive can be read as. */
    public List<String> formats() {
        return java.util.stream.Stream.concat(decoders.stream().map(FormatDecoder::format),
                archiveDecoders.stream().map(ArchiveDecoder::format))
                .distinct()
                .sorted()
                .toList();
    }

    /** The archive decoder for this archive: the forced format's, or the one that recognizes it. */
    public Optional<ArchiveDecoder> archiveDecoder(Archive archive, String forcedFormat) {
        return archiveDecoders.stream()
                .filter(d -> forcedFormat == null ? d.recognizes(archive) : d.format().equals(forcedFormat))
                .findFirst();
    }

    public Optional<FormatDecoder> byName(String format) {
        return decoders.stream().filter(d -> d.format().equals(format)).findFirst();
    }

    public boolean knows(String format) {
        return formats().contains(format);
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
