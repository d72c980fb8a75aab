package dev.hindsight.web.cli;

import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.search.store.DeadLetterRows;
import dev.hindsight.web.deadletters.DeadLetters;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dead-letters", mixinStandardHelpOptions = true, description = "Lists rejected records and files, and replays them after a fix.", subcommands = {
        DeadLettersCommand.ListLetters.class, DeadLettersCommand.Replay.class})
class DeadLettersCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead letters, newest first (pending only unless --all).")
    static class ListLetters implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Option(names = "--all", description = "Include letters already replayed.")
        boolean all;

        @Option(names = "--limit", defaultValue = "100", paramLabel = "N")
        int limit;

        @Option(names = "--format", defaultValue = "json", paramLabel = "json|text", description = "Default: ${DEFAULT-VALUE}.")
        IncidentCommand.OutputFormat format;

        @Override
        public Integer call() {
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                List<DeadLetterRows.Summary> letters = app.bean(DeadLetters.class).list(!all, limit);
                PrintWriter out = spec.commandLine().getOut();
                if (format == IncidentCommand.OutputFormat.json) {
                    Json.print(out, letters);
                } else {
                    if (letters.isEmpty()) {
                        out.println("No dead letters" + (all ? "." : " pending."));
                    }
                    for (DeadLetterRows.Summary l : letters) {
                        out.printf("%6d  %s  %-12s %s%n        %s%n", l.id(), l.receivedAt(), l.format(), l.origin(),
                                l.reason());
                    }
                    out.flush();
                }
                return 0;
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = {
            "Decodes dead letters again with the current decoders and stores what now reads.",
            "Prints one JSON object per letter; exit 1 when any is still rejected."})
    static class Replay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Letters to replay; none means every pending one.")
        List<Long> ids = new ArrayList<>();

        @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE", description = "Zone for timestamps without one (default: ${DEFAULT-VALUE}).")
        String zone;

        @Option(names = "--provider", paramLabel = "NAME", description = "The records are statements of this provider.")
        String provider;

        @Override
        public Integer call() {
            ZoneId zoneId;
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("--zone: '" + zone + "' is not an IANA zone id");
            }
            try (CliContext app = CliContext.open(dataOption.resolve())) {
                List<DeadLetters.Replay> results = app.bean(DeadLetters.class).replay(ids,
                        new DecodeContext(zoneId, null, provider));
                Json.print(spec.commandLine().getOut(), results);
                return results.stream().allMatch(DeadLetters.Replay::replayed) ? 0 : HindsightCli.EXIT_FAILED;
            }
        }
    }
}
