package dev.hindsight.web.ingest;

import dev.hindsight.web.cli.Json;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.ingest.files.JsonlLines;
import dev.hindsight.samples.SyntheticIncidents;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "generate", mixinStandardHelpOptions = true, description = {
        "Writes a seeded synthetic corpus as jsonl (import it with: hindsight import FILE): background noise",
        "plus planted incidents, and their ground truth (storyline of every planted event, true moments) to FILE.truth.json.",
        "Prints {\"events\", \"incidents\", \"seconds\"}. Needs no data directory."})
public class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "100000", paramLabel = "N", description = "Background events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--incidents", defaultValue = "10", paramLabel = "K", description = "Planted incidents (default: ${DEFAULT-VALUE}).")
    int incidents;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Same seed, same corpus (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--days", defaultValue = "30", paramLabel = "D", description = "Span of the corpus in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The jsonl file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (events < 0 || events > 100_000_000 || incidents < 0 || incidents > 10_000 || days < 1) {
            throw new InvalidInputException(
                    "--events must be 0..100000000, --incidents 0..10000, --days at least 1");
        }
        long started = System.nanoTime();
        JsonMapper json = JsonMapper.builder().build();
        long[] written = {0};
        List<SyntheticIncidents.Planted> planted;
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            planted = SyntheticIncidents.generate(new SyntheticIncidents.Config(seed, events, incidents,
                    Instant.parse("2026-01-05T00:00:00Z"), Duration.ofDays(days), Duration.ofSeconds(150)), e -> {
                        try {
                            writer.write(JsonlLines.line(e));
                            writer.write('\n');
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                        written[0]++;
                    });
        }
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("seed", seed);
        truth.put("incidents", planted);
        Files.writeString(out.resolveSibling(out.getFileName() + ".truth.json"), json.writeValueAsString(truth),
                StandardCharsets.UTF_8);
        double seconds = (System.nanoTime() - started) / 1e9;
        Json.print(spec.commandLine().getOut(), Map.of("events", written[0], "incidents", planted.size(), "seconds",
                Math.round(seconds * 100) / 100.0));
        return 0;
    }
}
