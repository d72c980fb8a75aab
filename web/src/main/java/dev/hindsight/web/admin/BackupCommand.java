package dev.hindsight.web.admin;

import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.web.support.AuditLog;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true, description = {
        "Backs up the database (the source of truth) into DIR, a new or empty directory: a consistent snapshot",
        "(hindsight-db.zip) and manifest.json. The index is rebuilt from it on restore. While a server runs, back up",
        "through it instead: POST /api/admin/backup (admins), which works under ingest.",
        "Prints the manifest: {\"format\", \"createdAt\", \"events\", \"lastSequence\", \"incidents\", \"database\"}."})
public class BackupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Parameters(index = "0", paramLabel = "DIR")
    Path target;

    @Override
    public Integer call() throws Exception {
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            Backups.Manifest manifest = app.bean(Backups.class).backup(target);
            app.bean(AuditLog.class).record("local", "backup", target.toAbsolutePath().toString(), "success",
                    manifest.events() + " events");
            Json.print(spec.commandLine().getOut(), manifest);
            return 0;
        }
    }
}
