package dev.hindsight.web.admin;

import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.search.maintenance.StoreMaintenance;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rebuilds the search index from the database (the source of truth). Prints {\"indexed\": N}.")
public class ReindexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Override
    public Integer call() {
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            long indexed = app.bean(StoreMaintenance.class).reindex();
            Json.print(spec.commandLine().getOut(), Map.of("indexed", indexed));
            return 0;
        }
    }
}
