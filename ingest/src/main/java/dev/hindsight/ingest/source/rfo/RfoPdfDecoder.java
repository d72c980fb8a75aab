package dev.hindsight.ingest.source.rfo;

import dev.hindsight.core.text.Texts;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.Timestamps;
import dev.hindsight.ingest.support.Titles;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Locale;

/**
 * A provider's RFO as a PDF: one PROVIDER_NOTICE keyed by the document's hash, at its creation date (else the last
 * time it states), with the stated times, ticket and sites as labels.
 */
class RfoPdfDecoder implements FormatDecoder {

    static final String PARSER = "rfo-pdf/1";
    static final int MAX_PDF = 64 * 1024 * 1024;

    private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile(
            "(?i)[a-z0-9._%+-]+@([a-z0-9-]+(?:\\.[a-z0-9-]+)+)|\\bwww\\.([a-z0-9-]+(?:\\.[a-z0-9-]+)+)");

    /** The first e-mail or web domain a text names: "noc@dc-provider.example" is dc-provider.example's. */
    static java.util.Optional<String> domainIn(String text) {
        java.util.regex.Matcher m = DOMAIN.matcher(text);
        return m.find()
                ? java.util.Optional.of((m.group(1) != null ? m.group(1) : m.group(2))
                        .toLowerCase(Locale.ROOT))
                : java.util.Optional.empty();
    }

    @Override
    public String format() {
        return "rfo-pdf";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        return head.length > 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F'
                ? 90
                : fileName.toLowerCase(Locale.ROOT).endsWith(".pdf") ? 50 : 0;
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        byte[] pdf;
        try (InputStream in = file.open()) {
            pdf = in.readNBytes(MAX_PDF + 1);
        }
        if (pdf.length > MAX_PDF) {
            throw new SourceDataException("larger than " + (MAX_PDF >> 20) + " MiB");
        }
        String text = PdfText.extract(pdf).strip();
        Instant created = PdfText.created(pdf).orElse(null);
        StatedTimes.Findings findings = StatedTimes.find(text, context.zone(),
                created == null ? null : created.atZone(context.zone()).toLocalDate());
        Instant at = created != null
                ? created
                : findings.times().values().stream().map(StatedTimes.Stated::at).max(Comparator.naturalOrder())
                        .orElseThrow(() -> new SourceDataException("the PDF has no creation date and states no times"));
        Timestamps.requirePlausible(at, at.toString());
        String title = text.lines().filter(l -> !l.isBlank()).findFirst().orElse(file.name()).strip();
        Event.Builder event = Event.builder("rfo-pdf", EventKind.PROVIDER_NOTICE, at, Titles.clip(title))
                .originalTime(at.toString(), ZoneOffset.UTC.getId(), false)
                .text(Texts.clip(text, RfoEmailDecoder.MAX_TEXT))
                .location(findings.sites())
                .provider(true)
                .labels(findings.labels())
                .dedupKey(EventId.contentHash(pdf))
                .raw(new RawRecord(file.name(), pdf, PARSER));
        // whose statement it is: as imported (--provider), else the domain it names, else its author; never the format
        String provider = context.provider() != null
                ? context.provider()
                : domainIn(text).or(() -> PdfText.author(pdf)).orElse("unknown provider");
        event.label("provider", provider);
        sink.event(event.build());
    }
}
