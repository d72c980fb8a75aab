package dev.hindsight.web.cli;

import picocli.CommandLine.Command;

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
        CheckCommand.class,
        BackupCommand.class,
        RestoreCommand.class,
        DeadLettersCommand.class,
        GenerateCommand.class,
        UserCommand.class,
        TokenCommand.class
}, footer = {
        "",
        "Exit codes: 0 done; 1 failed (nothing readable, store unavailable, check",
        "found differences); 2 usage error; 3 the data directory is held by another",
        "Hindsight process (a running server)."
})
class RootCommand {}
