package dev.hindsight.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hindsight.core.event.Event;
import dev.hindsight.ingest.internal.registry.SourceRegistry;
import dev.hindsight.ingest.source.Fixtures;
import dev.hindsight.ingest.spi.Archive;
import dev.hindsight.ingest.support.CollectingSink;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.spi.SourceFile;
import dev.hindsight.ingest.support.LocalTimeline;
import dev.hindsight.ingest.support.Timestamps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Every decoder, fed arbitrary bytes, either decodes records or refuses the file with one of its declared reasons
 * ({@link SourceDataException}, {@link IOException}); it never throws anything else, never overflows the stack, and
 * every event it does produce has a title and a plausible time. CI replays the committed inputs under
 * {@code src/test/resources/dev/hindsight/ingest/fuzz/DecoderFuzzTestsInputs/}; {@code JAZZER_FUZZ=1} searches for new ones.
 */
class DecoderFuzzTests {

    private static final SourceRegistry REGISTRY = Fixtures.registry();
    private static final List<String> FORMATS = REGISTRY.formats();
    private static final Instant MODIFIED = Instant.parse("2014-08-12T00:00:00Z");

    /** Any decoder, any zone: the fuzzer picks both, then the file's bytes. */
    @FuzzTest(maxDuration = "30s")
    void everyFileDecoder(FuzzedDataProvider data) {
        String format = data.pickValue(FORMATS);
        DecodeContext context = new DecodeContext(data.pickValue(ZONES), data.consumeBoolean() ? null : 2014, null);
        decode(format, data.consumeRemainingAsBytes(), context);
    }

    // One target per source an attacker reaches without an account (webhooks, mail, uploads): the seeds under
    // DecoderFuzzTestsInputs/<target>/ are real-shaped files, so mutations start from inputs that get deep.

    @FuzzTest(maxDuration = "30s")
    void alertmanager(byte[] content) {
        decode("alertmanager", content, DecodeContext.utc());
    }

    @FuzzTest(maxDuration = "30s")
    void pagerduty(byte[] content) {
        decode("pagerduty", content, DecodeContext.utc());
    }

    @FuzzTest(maxDuration = "30s")
    void rfoEmail(byte[] content) {
        decode("rfo-email", content, new DecodeContext(ZoneId.of("America/New_York"), null, "provider"));
    }

    @FuzzTest(maxDuration = "30s")
    void jsonl(byte[] content) {
        decode("jsonl", content, DecodeContext.utc());
    }

    @FuzzTest(maxDuration = "30s")
    void csv(byte[] content) {
        decode("csv", content, new DecodeContext(ZoneId.of("Europe/Berlin"), null, null));
    }

    /** A Slack export whose channel day is fuzzed, beside real users.json and channels.json. */
    @FuzzTest(maxDuration = "30s")
    void slackExport(byte[] day) {
        byte[] users = SLACK_USERS.getBytes(StandardCharsets.UTF_8);
        byte[] channels = SLACK_CHANNELS.getBytes(StandardCharsets.UTF_8);
        Archive archive = new Archive() {
            @Override
            public String name() {
                return "export.zip";
            }

            @Override
            public List<SourceFile> entries() {
                return List.of(file("export.zip#channels.json", channels),
                        file("export.zip#general/2014-08-12.json", day),
                        file("export.zip#users.json", users));
            }
        };
        CollectingSink sink = new CollectingSink("slack", DecodeContext.utc());
        try {
            REGISTRY.archiveDecoder(archive, "slack-export").orElseThrow().decode(archive, DecodeContext.utc(), sink);
        } catch (SourceDataException | IOException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
            return;
        }
        sink.events().forEach(DecoderFuzzTests::checkEvent);
    }

    /** Dates as sources write them: parsed or refused, and a parsed value reads back to the same instant. */
    @FuzzTest(maxDuration = "30s")
    void timestamps(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        ZoneId zone = ZONES.get(Math.floorMod(text.hashCode(), ZONES.size()));
        try {
            Timestamps.parseIso(text, new LocalTimeline(zone)).ifPresent(
                    parsed -> assertThat(
                            Timestamps.parseIso(parsed.original(), new LocalTimeline(zone)).orElseThrow().instant())
                            .isEqualTo(parsed.instant()));
            Timestamps.parseOffset(text).ifPresent(parsed -> assertThat(parsed.zoneAssumed()).isFalse());
        } catch (SourceDataException e) { // the declared refusal: a time outside 1990-2100
            assertThat(e.getMessage()).contains("plausible");
        }
    }

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Chatham"));

    private static final String SLACK_USERS = """
            [{"id":"U01","name":"jdoe","real_name":"Jane Doe","profile":{"real_name":"Jane Doe","display_name":"jane"}}]""";
    private static final String SLACK_CHANNELS = """
            [{"id":"C01","name":"general","created":1407801600}]""";

    static void decode(String format, byte[] content, DecodeContext context) {
        FormatDecoder decoder = REGISTRY.byName(format).orElseThrow();
        CollectingSink sink = new CollectingSink(format, DecodeContext.utc());
        try {
            decoder.decode(file("fuzz-input", content), context, sink);
        } catch (SourceDataException | IOException e) {
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
            return;
        }
        sink.events().forEach(DecoderFuzzTests::checkEvent);
        sink.rejected().forEach(d -> assertThat(d.reason()).as("a rejected record says why").isNotBlank());
    }

    private static void checkEvent(Event event) {
        assertThat(event.title()).as("every event has a title").isNotBlank();
        assertThat(event.occurredAt()).as("every event has a plausible time")
                .isBetween(Timestamps.EARLIEST, Timestamps.LATEST);
    }

    private static SourceFile file(String name, byte[] content) {
        return new SourceFile(name, content.length, MODIFIED, () -> new ByteArrayInputStream(content));
    }
}
