package dev.hindsight.web.cli;

import dev.hindsight.search.SearchOperations;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rebuilds the search index from the database (the source of truth). Prints {\"indexed\": N}.")
class ReindexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Override
    public Integer call() {
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            long indexed = app.bean(SearchOperations.class).reindex();
            Json.print(spec.commandLine().getOut(), Map.of("indexed", indexed));
            return 0;
        }
    }
}
