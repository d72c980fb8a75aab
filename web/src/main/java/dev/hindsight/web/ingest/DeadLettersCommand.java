package dev.hindsight.web.ingest;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.cli.OutputFormat;
import dev.hindsight.web.cli.ExitCodes;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.ServerClient;
import dev.hindsight.web.cli.ServerOption;
import dev.hindsight.web.cli.Target;
import dev.hindsight.core.store.DeadLetterStore;
import dev.hindsight.ingest.deadletters.DeadLetters;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dead-letters", mixinStandardHelpOptions = true, description = "Lists rejected records and files, and replays them after a fix.", subcommands = {
        DeadLettersCommand.ListLetters.class, DeadLettersCommand.Replay.class})
public class DeadLettersCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead letters, newest first (pending only unless --all).")
    static class ListLetters implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Mixin
        ServerOption serverOption;

        @Option(names = "--all", description = "Include letters already replayed.")
        boolean all;

        @Option(names = "--limit", defaultValue = "100", paramLabel = "N")
        int limit;

        @Option(names = "--format", defaultValue = "json", paramLabel = "json|text", description = "Default: ${DEFAULT-VALUE}.")
        OutputFormat format;

        @Override
        public Integer call() {
            try (Target target = Target.open(dataOption, serverOption)) {
                List<DeadLetterStore.Summary> letters = target.call(
                        app -> app.bean(DeadLetters.class).list(Viewer.LOCAL_ADMIN, !all, limit),
                        server -> server.get(ServerClient.path("/api/dead-letters",
                                java.util.Map.of("pending", !all, "limit", limit)),
                                new tools.jackson.core.type.TypeReference<List<DeadLetterStore.Summary>>() {
                                }));
                PrintWriter out = spec.commandLine().getOut();
                if (format == OutputFormat.json) {
                    Json.print(out, letters);
                } else {
                    if (letters.isEmpty()) {
                        out.println("No dead letters" + (all ? "." : " pending."));
                    }
                    for (DeadLetterStore.Summary l : letters) {
                        out.printf(Locale.ROOT, "%6d  %s  %-12s %s%n        %s%n", l.id(), l.receivedAt(), l.format(),
                                l.origin(),
                                l.reason());
                    }
                    out.flush();
                }
                return 0;
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, description = {
            "Decodes dead letters again with the current decoders and stores what now reads, as the import that",
            "rejected them would have: into its incident, with its zone, year and provider.",
            "Prints one JSON object per letter; exit 1 when any is still rejected."})
    static class Replay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Mixin
        ServerOption serverOption;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Letters to replay; none means every pending one.")
        List<Long> ids = new ArrayList<>();

        @Override
        public Integer call() {
            try (Target target = Target.open(dataOption, serverOption)) {
                List<DeadLetters.Replay> results = target.call(
                        app -> app.bean(DeadLetters.class).replay(ids, Viewer.LOCAL_ADMIN),
                        server -> ids.isEmpty()
                                ? ServerClient.convert(server.send("POST", "/api/dead-letters/replay", null),
                                        new tools.jackson.core.type.TypeReference<List<DeadLetters.Replay>>() {
                                        })
                                : ids.stream().map(id -> server.send("POST", "/api/dead-letters/" + id + "/replay",
                                        null, DeadLetters.Replay.class)).toList());
                Json.print(spec.commandLine().getOut(), results);
                return results.stream().allMatch(DeadLetters.Replay::replayed) ? 0 : ExitCodes.FAILED;
            }
        }
    }
}
