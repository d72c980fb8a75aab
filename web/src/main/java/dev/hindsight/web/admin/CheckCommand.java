package dev.hindsight.web.admin;

import dev.hindsight.web.cli.ExitCodes;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.search.maintenance.StoreMaintenance;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true, description = {
        "Catches the index up with the database, then compares the two event by event.",
        "Prints a JSON report; exit 0 when they agree, 1 when they differ (run reindex to repair)."
})
public class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    record CheckJson(
            boolean consistent,
            long databaseEvents,
            long indexedEvents,
            long indexedThroughSequence,
            long missingFromIndex,
            long extraInIndex,
            java.util.List<Long> missingSequences,
            java.util.List<Long> extraSequences) {}

    @Override
    public Integer call() {
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            StoreMaintenance.ConsistencyReport r = app.bean(StoreMaintenance.class).check();
            Json.print(spec.commandLine().getOut(), new CheckJson(r.consistent(), r.databaseEvents(), r.indexedEvents(),
                    r.indexedThroughSequence(), r.missingFromIndex(), r.extraInIndex(), r.missingSequences(),
                    r.extraSequences()));
            return r.consistent() ? 0 : ExitCodes.FAILED;
        }
    }
}
