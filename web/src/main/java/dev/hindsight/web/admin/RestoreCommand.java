package dev.hindsight.web.admin;

import dev.hindsight.web.cli.ExitCodes;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.DataDirectoryBusyException;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.search.maintenance.StoreMaintenance;
import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.cli.DataDirectory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true, description = {
        "Restores a backup made by `backup` into the data directory, which must hold no database yet, rebuilds",
        "the index from the restored rows and checks that the two agree.",
        "Prints {\"restoredFiles\", \"manifest\", \"consistent\", \"databaseEvents\", \"indexedEvents\"}; exit 1 if they differ."})
public class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Parameters(index = "0", paramLabel = "DIR", description = "A directory written by `backup`.")
    Path backup;

    @Override
    public Integer call() throws Exception {
        Path data = dataOption.resolve();
        Map<String, Object> result;
        try (DataDirectory lock = DataDirectory.lock(data).orElseThrow(() -> new DataDirectoryBusyException(data))) {
            result = new java.util.LinkedHashMap<>(Backups.restore(backup, data));
        }
        try (CliContext app = CliContext.open(data)) {
            StoreMaintenance.ConsistencyReport check = app.bean(StoreMaintenance.class).check();
            app.bean(AuditLog.class).record("local", "restore", backup.toAbsolutePath().toString(),
                    check.consistent() ? "success" : "failure",
                    check.databaseEvents() + " events");
            result.put("consistent", check.consistent());
            result.put("databaseEvents", check.databaseEvents());
            result.put("indexedEvents", check.indexedEvents());
            Json.print(spec.commandLine().getOut(), result);
            return check.consistent() ? 0 : ExitCodes.FAILED;
        }
    }
}
