package dev.hindsight.ingest.internal.replay;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.store.DeadLetter;
import dev.hindsight.core.store.DeadLetterStore;
import dev.hindsight.ingest.internal.registry.SourceRegistry;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.CollectingSink;
import dev.hindsight.ingest.support.JsonSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Decodes a dead letter's kept bytes again, with today's decoders (after the fix that makes them readable), inside the
 * envelope it was kept with and under the options of the import it came from: the same decoder, the same name, the
 * same zone, year and provider, so the events are the ones the import would have stored.
 */
@Component
public class ReplayDecoder {

    /** An element of a JSON document, as letters kept before envelopes name it ({@code file#alerts[3]}). */
    private static final Pattern LEGACY_ELEMENT = Pattern.compile("#([A-Za-z_]+)\\[(\\d+)]$");
    /** A message of a Slack export, likewise ({@code export.zip#channel/2014-08-12.json#7}). */
    private static final Pattern LEGACY_SLACK = Pattern
            .compile("#(?:.*/)?([^/#]+)/(\\d{4}-\\d{2}-\\d{2}\\.json)#(\\d+)$");

    private final SourceRegistry registry;

    public ReplayDecoder(SourceRegistry registry) {
        this.registry = registry;
    }

    /** The events the letter holds now, or the reason it still cannot be read. */
    public sealed interface Outcome permits Decoded, StillRejected {}

    public record Decoded(List<Event> events) implements Outcome {}

    public record StillRejected(String reason) implements Outcome {}

    public Outcome decode(DeadLetterStore.Letter letter) {
        DeadLetterStore.Summary s = letter.summary();
        if (letter.raw().length == 0) {
            return new StillRejected("nothing was kept of this input (it could not be read at all); import it again");
        }
        DeadLetter.Replay recipe = legacy(letter);
        DecodeContext context = new DecodeContext(recipe.zone(), recipe.year(), recipe.provider());
        byte[] document = recipe.document(letter.raw());
        CollectingSink out = new CollectingSink(s.format(), context);
        try {
            FormatDecoder decoder = registry.byName(s.format())
                    .or(() -> registry.detect(recipe.name(), document))
                    .orElseThrow(() -> new SourceDataException("format " + s.format() + " has no decoder"));
            decoder.decode(new SourceFile(recipe.name(), document.length,
                    recipe.modified() == null ? Instant.EPOCH : recipe.modified(),
                    () -> new ByteArrayInputStream(document)), context, out);
        } catch (SourceDataException | JsonSource.Skip e) {
            return new StillRejected(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!out.rejected().isEmpty()) {
            return new StillRejected(out.rejected().get(0).reason());
        }
        return new Decoded(out.events());
    }

    /**
     * The recipe of a letter kept before letters had envelopes (its name is its origin, nothing around it): a Slack
     * message goes back into a day file of its channel, an element of a JSON document into a document of its own
     * ({@code {"alerts": [element]}}).
     */
    private static DeadLetter.Replay legacy(DeadLetterStore.Letter letter) {
        DeadLetter.Replay r = letter.replay();
        String origin = letter.summary().origin();
        if (!r.name().equals(origin) || r.head().length > 0 || r.tail().length > 0) {
            return r;
        }
        Matcher slack = LEGACY_SLACK.matcher(origin);
        if ("slack-export".equals(letter.summary().format()) && slack.find()) {
            return new DeadLetter.Replay(slack.group(1) + "/" + slack.group(2), utf8("["), utf8("]"), r.incidentKey(),
                    r.provider(), r.zone(), r.year(), r.modified());
        }
        Matcher element = LEGACY_ELEMENT.matcher(origin);
        if (element.find()) {
            return new DeadLetter.Replay(origin.substring(0, element.start()),
                    utf8("{\"" + element.group(1) + "\":["), utf8("]}"), r.incidentKey(), r.provider(), r.zone(),
                    r.year(), r.modified());
        }
        return r;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
