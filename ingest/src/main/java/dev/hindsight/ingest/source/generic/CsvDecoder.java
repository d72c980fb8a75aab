package dev.hindsight.ingest.source.generic;

import dev.hindsight.core.event.EventId;
import dev.hindsight.core.event.RawRecord;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.LocalTimeline;
import dev.hindsight.ingest.spi.Envelope;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * csv: a header row naming the generic fields ({@code at}, {@code title}, ...) and {@code labels.NAME} columns for
 * labels; RFC 4180 quoting. Unknown columns are ignored.
 */
class CsvDecoder implements FormatDecoder {

    static final String PARSER = "csv/1";
    static final String LABEL_PREFIX = "labels.";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public int confidence(String fileName, byte[] head) {
        if (!fileName.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return 0;
        }
        String header = new String(head, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        return header.contains("at") && header.contains("title") ? 90 : 40;
    }

    /** The parser, past the header row; a header commons-csv cannot use (a blank or repeated name) is a refusal. */
    private static CSVParser open(Reader reader) throws IOException {
        try {
            return CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        } catch (IllegalArgumentException e) {
            throw new SourceDataException("the header row is not usable: " + e.getMessage());
        }
    }

    @Override
    public void decode(SourceFile file, DecodeContext context, RecordSink sink) throws IOException {
        try (Reader reader = new InputStreamReader(file.open(), StandardCharsets.UTF_8);
                CSVParser parser = open(reader)) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains("at") || !header.contains("title")) {
                throw new SourceDataException("the header row must name the columns 'at' and 'title'; found " + header);
            }
            LocalTimeline times = new LocalTimeline(context.zone());
            try {
                for (CSVRecord record : parser) {
                    decodeRecord(file, times, context, sink, header, record);
                }
            } catch (UncheckedIOException e) {
                // commons-csv reports malformed quoting as an unchecked IOException: the rest of the file is unreadable
                sink.rejected(file.name() + "#" + (parser.getRecordNumber() + 1),
                        "malformed CSV after row " + parser.getRecordNumber() + ": " + e.getCause().getMessage(),
                        new byte[0]);
            }
        }
    }

    private static void decodeRecord(
            SourceFile file, LocalTimeline times, DecodeContext context, RecordSink sink, List<String> header,
            CSVRecord record) {
        String position = file.name() + "#" + record.getRecordNumber();
        // the row as CSV again (quoted where it needs to be), after its header: what a replay decodes
        byte[] raw = line(List.of(record.values())).getBytes(StandardCharsets.UTF_8);
        try {
            if (!record.isConsistent()) {
                throw new SourceDataException("has " + record.size() + " values but the header has " + header.size());
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (String column : header) {
                if (column.startsWith(LABEL_PREFIX) && !record.get(column).isBlank()) {
                    labels.put(column.substring(LABEL_PREFIX.length()), record.get(column));
                }
            }
            sink.event(GenericRecord.toEvent(
                    name -> value(record, name),
                    labels,
                    "csv",
                    // the values joined by commas: the key rows have always had, so re-imports stay duplicates
                    EventId.contentHash(String.join(",", record.values()).getBytes(StandardCharsets.UTF_8)),
                    new RawRecord(position, raw, PARSER),
                    times,
                    context));
        } catch (SourceDataException e) {
            sink.rejected(position, "row " + record.getRecordNumber() + ": " + e.getMessage(), raw,
                    Envelope.afterHeader(file.name(), line(header)));
        }
    }

    /** Values as one RFC 4180 line. */
    private static String line(List<String> values) {
        return CSVFormat.RFC4180.format(values.toArray());
    }

    private static @Nullable String value(CSVRecord record, String name) {
        if (!record.isMapped(name) || !record.isSet(name)) {
            return null;
        }
        String value = record.get(name);
        return value.isBlank() ? null : value;
    }
}
