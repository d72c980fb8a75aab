package dev.hindsight.ingest.deadletter;

import dev.hindsight.core.event.Event;
import dev.hindsight.ingest.fileimport.FormatRegistry;
import dev.hindsight.ingest.push.PushIntake;
import dev.hindsight.ingest.spi.CollectingSink;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.JsonSource;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Decodes a dead letter's kept bytes again, with today's decoders (after the fix that makes them readable). A whole
 * file, a webhook body or a line is decoded as it came; an element of a JSON document ({@code file#alerts[3]}) is put
 * back into a document of its own ({@code {"alerts": [element]}}) and decoded so.
 */
@Service
public class DeadLetterDecoder {

    private static final Pattern ELEMENT = Pattern.compile("#([A-Za-z_]+)\\[(\\d+)]$");
    private static final Pattern SLACK_MESSAGE = Pattern
            .compile("#(?:.*/)?([^/#]+)/(\\d{4}-\\d{2}-\\d{2}\\.json)#(\\d+)$");

    private final FormatRegistry formats;

    public DeadLetterDecoder(FormatRegistry formats) {
        this.formats = formats;
    }

    /** The events the letter holds now, or the reason it still cannot be read. */
    public sealed interface Outcome permits Decoded, StillRejected {}

    public record Decoded(List<Event> events) implements Outcome {}

    public record StillRejected(String reason) implements Outcome {}

    public Outcome decode(String format, String origin, byte[] raw, boolean truncated, DecodeContext context) {
        if (raw.length == 0) {
            return new StillRejected("nothing was kept of this input (it could not be read at all); import it again");
        }
        if (truncated) {
            return new StillRejected("only the first part of this input was kept; import the original again");
        }
        CollectingSink out = new CollectingSink(format);
        try {
            if (origin.startsWith("hook:")) {
                PushIntake.decode(hookOf(format), raw, origin, context, out);
            } else {
                decodeFileOrRecord(format, origin, raw, context, out);
            }
        } catch (SourceDataException | JsonSource.Skip e) {
            return new StillRejected(e.getMessage());
        }
        if (!out.rejected().isEmpty()) {
            return new StillRejected(out.rejected().get(0).reason());
        }
        return new Decoded(out.events());
    }

    private void decodeFileOrRecord(String format, String origin, byte[] raw, DecodeContext context,
            CollectingSink out) {
        FormatDecoder decoder = formats.byName(format)
                .orElseThrow(() -> new SourceDataException("format " + format + " has no decoder for single inputs"));
        String name = origin;
        byte[] bytes = raw;
        Matcher slack = SLACK_MESSAGE.matcher(origin);
        Matcher element = ELEMENT.matcher(origin);
        if ("slack-export".equals(format) && slack.find()) {
            name = slack.group(1) + "/" + slack.group(2);
            bytes = ("[" + new String(raw, StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8);
        } else if (element.find()) {
            bytes = ("{\"" + element.group(1) + "\":[" + new String(raw, StandardCharsets.UTF_8) + "]}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        byte[] content = bytes;
        try {
            decoder.decode(new SourceFile(name, content.length, Instant.EPOCH, () -> new ByteArrayInputStream(content)),
                    context, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PushIntake.Hook hookOf(String format) {
        for (PushIntake.Hook hook : PushIntake.Hook.values()) {
            if (hook.format().equals(format)) {
                return hook;
            }
        }
        throw new SourceDataException("no webhook reads " + format);
    }
}
