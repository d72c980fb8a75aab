package dev.hindsight.web;

import dev.hindsight.web.incidents.IncidentCommand;
import dev.hindsight.web.actions.ActionsCommand;
import dev.hindsight.web.admin.BackupCommand;
import dev.hindsight.web.admin.CheckCommand;
import dev.hindsight.web.admin.MigrateCommand;
import dev.hindsight.web.admin.ReindexCommand;
import dev.hindsight.web.admin.RestoreCommand;
import dev.hindsight.web.admin.TokenCommand;
import dev.hindsight.web.admin.UserCommand;
import dev.hindsight.web.cli.ServeCommand;
import dev.hindsight.web.cli.VersionProvider;
import dev.hindsight.web.ingest.DeadLettersCommand;
import dev.hindsight.web.cli.LoginCommand;
import dev.hindsight.web.dashboard.DashboardCommand;
import dev.hindsight.web.ingest.GenerateCommand;
import dev.hindsight.web.samples.GenerateYearCommand;
import dev.hindsight.web.ingest.ImportCommand;
import dev.hindsight.web.postmortems.ExportCommand;
import dev.hindsight.web.search.SearchCommand;
import dev.hindsight.web.timeline.TimelineCommand;
import picocli.CommandLine.Command;

/** The command line: every feature's command, gathered here so the features need not know each other. */
@Command(name = "hindsight", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
        "Incident timelines and post-mortems from the raw traces an outage leaves behind.",
        "With no command, serves the web UI and REST API on http://localhost:8080.",
        "JSON for programs goes to stdout; progress, logs and warnings go to stderr."
}, subcommands = {
        ServeCommand.class,
        ImportCommand.class,
        IncidentCommand.class,
        SearchCommand.class,
        TimelineCommand.class,
        ExportCommand.class,
        ActionsCommand.class,
        ReindexCommand.class,
        MigrateCommand.class,
        CheckCommand.class,
        BackupCommand.class,
        RestoreCommand.class,
        DeadLettersCommand.class,
        GenerateCommand.class,
        GenerateYearCommand.class,
        DashboardCommand.class,
        LoginCommand.class,
        UserCommand.class,
        TokenCommand.class
}, footer = {
        "",
        "While a server holds the data directory, search, timeline, incident, export,",
        "actions, dead-letters and import go through it; --server URL (or",
        "HINDSIGHT_SERVER) with HINDSIGHT_TOKEN or 'login' reaches another one.",
        "",
        "Exit codes: 0 done; 1 failed (nothing readable, store unavailable, server",
        "unreachable, check found differences); 2 usage error; 3 the data directory",
        "is held by another Hindsight process and this command needs it itself."
})
class RootCommand {}
