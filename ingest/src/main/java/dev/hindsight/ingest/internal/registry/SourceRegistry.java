package dev.hindsight.ingest.internal.registry;

import dev.hindsight.ingest.spi.Archive;
import dev.hindsight.ingest.spi.ArchiveDecoder;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.PullKind;
import dev.hindsight.ingest.spi.SourceFamily;
import dev.hindsight.ingest.spi.WebhookMapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one registry of what Hindsight reads, built from the source families: file formats (and their detection),
 * archives, webhooks and pull kinds. File import, webhook bodies and dead-letter replays all find their decoder here,
 * so a record decodes the same way whichever way it came in.
 */
@Component
public class SourceRegistry {

    private final List<FormatDecoder> decoders;
    private final List<ArchiveDecoder> archiveDecoders;
    private final Map<String, WebhookMapping> webhooks = new LinkedHashMap<>();
    private final Map<String, PullKind<?>> pullKinds = new LinkedHashMap<>();

    @Autowired
    public SourceRegistry(List<SourceFamily> families) {
        List<FormatDecoder> formats = new ArrayList<>();
        List<ArchiveDecoder> archives = new ArrayList<>();
        for (SourceFamily family : families.stream().sorted(Comparator.comparing(SourceFamily::name)).toList()) {
            formats.addAll(family.decoders());
            archives.addAll(family.archiveDecoders());
            family.webhooks().forEach(w -> unique(webhooks, w.hook(), w, "webhook"));
            family.pullKinds().forEach(k -> unique(pullKinds, k.kind(), k, "pull kind"));
        }
        this.decoders = formats.stream().sorted(Comparator.comparing(FormatDecoder::format)).toList();
        this.archiveDecoders = List.copyOf(archives);
        for (WebhookMapping w : webhooks.values()) {
            if (byName(w.format()).isEmpty()) {
                throw new IllegalStateException("webhook " + w.hook() + " reads format " + w.format()
                        + ", which no family decodes");
            }
        }
    }

    /** A registry of these decoders alone (tests of file import). */
    public static SourceRegistry ofDecoders(List<FormatDecoder> decoders) {
        List<ArchiveDecoder> archives = decoders.stream().filter(ArchiveDecoder.class::isInstance)
                .map(ArchiveDecoder.class::cast).toList();
        return new SourceRegistry(List.of(new SourceFamily() {
            @Override
            public String name() {
                return "given";
            }

            @Override
            public List<FormatDecoder> decoders() {
                return decoders;
            }

            @Override
            public List<ArchiveDecoder> archiveDecoders() {
                return archives;
            }
        }));
    }

    private static <T> void unique(Map<String, T> into, String name, T value, String what) {
        if (into.putIfAbsent(name, value) != null) {
            throw new IllegalStateException("two source families declare the " + what + " " + name);
        }
    }

    /** Every format name a file or archive can be read as. */
    public List<String> formats() {
        return Stream.concat(decoders.stream().map(FormatDecoder::format),
                archiveDecoders.stream().map(ArchiveDecoder::format)).distinct().sorted().toList();
    }

    /** The archive decoder for this archive: the forced format's, or the one that recognizes it. */
    public Optional<ArchiveDecoder> archiveDecoder(Archive archive, @Nullable String forcedFormat) {
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

    public Optional<WebhookMapping> webhook(String hook) {
        return Optional.ofNullable(webhooks.get(hook));
    }

    public List<String> webhooks() {
        return List.copyOf(webhooks.keySet());
    }

    public Optional<PullKind<?>> pullKind(String kind) {
        return Optional.ofNullable(pullKinds.get(kind));
    }

    /** The kind whose settings have this type. */
    public Optional<PullKind<?>> pullKindOf(Class<?> settings) {
        return pullKinds.values().stream().filter(k -> k.settings().equals(settings)).findFirst();
    }

    public List<String> pullKinds() {
        return pullKinds.keySet().stream().sorted().toList();
    }
}
