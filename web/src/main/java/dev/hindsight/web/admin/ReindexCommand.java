package dev.hindsight.web.admin;

import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.search.maintenance.StoreMaintenance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "reindex", mixinStandardHelpOptions = true, description = {
        "Rebuilds the search index from the database (the source of truth). Prints {\"indexed\": N}.",
        "With hindsight.search.engine=opensearch, also builds a fresh OpenSearch index beside the live one and swaps the alias to it (searches go on meanwhile); the output then names it: {\"indexed\": N, \"opensearch\": \"hindsight-events-v2\"}."})
public class ReindexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Override
    public Integer call() {
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            StoreMaintenance maintenance = app.bean(StoreMaintenance.class);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("indexed", maintenance.reindex());
            maintenance.rebuildSharedIndex().ifPresent(name -> out.put("opensearch", name));
            Json.print(spec.commandLine().getOut(), out);
            return 0;
        }
    }
}
