package dev.hindsight.web.incidents;

import dev.hindsight.web.cli.OutputFormat;
import dev.hindsight.web.cli.TimeArguments;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.ServerClient;
import dev.hindsight.web.cli.ServerOption;
import dev.hindsight.web.cli.Target;
import tools.jackson.core.type.TypeReference;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.IncidentDetails;
import dev.hindsight.search.incident.NewIncident;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "incident", mixinStandardHelpOptions = true, description = "Declares, changes, closes, reopens and lists incidents.", subcommands = {
        IncidentCommand.Create.class, IncidentCommand.Update.class, IncidentCommand.Close.class,
        IncidentCommand.Reopen.class, IncidentCommand.ListIncidents.class})
public class IncidentCommand {

    /** An incident as the CLI prints it. */
    record IncidentJson(
            String key,
            String title,
            String severity,
            String status,
            Instant from,
            Instant to,
            String scope,
            String commander,
            boolean restricted,
            List<String> members,
            long events) {

        static IncidentJson of(IncidentSummary i, long events) {
            return new IncidentJson(i.key(), i.title(), i.severity().name(), i.status().name(), i.from(), i.to(),
                    i.scope(), i.commander(), i.restricted(), i.members().stream().sorted().toList(), events);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Declares an incident; prints it as JSON.")
    static class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Mixin
        ServerOption serverOption;

        @Parameters(index = "0", paramLabel = "KEY", description = "Short unique key, e.g. INC-2041.")
        String key;

        @Option(names = "--title", required = true, paramLabel = "T")
        String title;

        @Option(names = "--from", required = true, paramLabel = "ISO8601", converter = TimeArguments.class, description = "Start of the incident window.")
        Instant from;

        @Option(names = "--to", required = true, paramLabel = "ISO8601", converter = TimeArguments.class, description = "End of the incident window.")
        Instant to;

        @Option(names = "--severity", defaultValue = "SEV3", paramLabel = "SEV1..SEV5", description = "Default: ${DEFAULT-VALUE}.")
        Severity severity;

        @Option(names = "--restricted", description = "Visible only to its members and admins, in every view, search, count and export.")
        boolean restricted;

        @Option(names = "--member", paramLabel = "NAME", description = "A user who may see a restricted incident (repeatable).")
        List<String> members = new ArrayList<>();

        @Option(names = "--commander", paramLabel = "NAME", description = "The incident commander.")
        String commander;

        @Option(names = "--scope", paramLabel = "QUERY", description = "A search query selecting the incident's events inside its window.")
        String scope;

        @Override
        public Integer call() {
            try (Target target = Target.open(dataOption, serverOption)) {
                IncidentJson created = target.call(app -> IncidentJson.of(app.bean(IncidentCatalog.class)
                        .create(new NewIncident(key, title, from, to, severity, scope, commander, restricted,
                                Set.copyOf(members)), Viewer.LOCAL_ADMIN),
                        0),
                        server -> server.send("POST", "/api/incidents",
                                new IncidentApi.Declaration(key, title, from, to,
                                        severity, scope, commander, restricted, Set.copyOf(members)),
                                IncidentJson.class));
                Json.print(spec.commandLine().getOut(), created);
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists incidents, newest first.")
    static class ListIncidents implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Mixin
        ServerOption serverOption;

        @Option(names = "--format", defaultValue = "json", paramLabel = "json|text", description = "Default: ${DEFAULT-VALUE}.")
        OutputFormat format;

        @Override
        public Integer call() {
            try (Target target = Target.open(dataOption, serverOption)) {
                List<IncidentJson> list = target.call(app -> {
                    IncidentCatalog incidents = app.bean(IncidentCatalog.class);
                    Map<String, Long> counts = incidents.eventCounts(Viewer.LOCAL_ADMIN);
                    return incidents.list(Viewer.LOCAL_ADMIN).stream()
                            .map(i -> IncidentJson.of(i, counts.getOrDefault(i.key(), 0L)))
                            .toList();
                }, server -> server.get("/api/incidents", new TypeReference<List<IncidentJson>>() {
                }));
                PrintWriter out = spec.commandLine().getOut();
                if (format == OutputFormat.json) {
                    Json.print(out, list);
                } else {
                    if (list.isEmpty()) {
                        out.println(
                                "No incidents yet. Declare one with: hindsight incident create KEY --title T --from ISO --to ISO");
                    }
                    for (IncidentJson i : list) {
                        out.printf(Locale.ROOT, "%-16s %-5s %-9s %s .. %s  %6d events  %s%s%n", i.key(), i.severity(),
                                i.status(),
                                i.from(), i.to(), i.events(), i.title(), i.restricted() ? "  [restricted]" : "");
                    }
                    out.flush();
                }
                return 0;
            }
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = {
            "Changes an incident: only what you name. Prints it as JSON; every change is recorded and audited.",
            "Statuses: INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, CLOSED."})
    static class Update implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Mixin
        ServerOption serverOption;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Option(names = "--title", paramLabel = "T")
        String title;

        @Option(names = "--severity", paramLabel = "SEV1..SEV5")
        String severity;

        @Option(names = "--status", paramLabel = "S", description = "INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED or CLOSED.")
        String status;

        @Option(names = "--summary", paramLabel = "TEXT", description = "A few sentences on what happened.")
        String summary;

        @Option(names = "--from", paramLabel = "ISO8601", converter = TimeArguments.class, description = "Start of the incident window.")
        Instant from;

        @Option(names = "--to", paramLabel = "ISO8601", converter = TimeArguments.class, description = "End of the incident window.")
        Instant to;

        @Option(names = "--commander", paramLabel = "NAME", description = "A user; empty clears it.")
        String commander;

        @Option(names = "--scribe", paramLabel = "NAME")
        String scribe;

        @Option(names = "--comms-lead", paramLabel = "NAME")
        String commsLead;

        @Option(names = "--team", paramLabel = "TEAM")
        String team;

        @Option(names = "--cause", paramLabel = "CATEGORY", description = "Cause category, e.g. deploy, capacity, provider.")
        String cause;

        @Option(names = "--service", paramLabel = "NAME", description = "An affected service (repeatable; replaces the list).")
        List<String> services;

        @Option(names = "--tag", paramLabel = "T", description = "A tag (repeatable; replaces the list).")
        List<String> tags;

        @Option(names = "--participant", paramLabel = "NAME", description = "A user who worked it (repeatable; replaces the list).")
        List<String> participants;

        @Override
        public Integer call() {
            IncidentEdits.Patch patch = new IncidentEdits.Patch(title, severity, status, summary, from, to, commander,
                    scribe, commsLead, team, cause, set(services), set(tags), set(participants));
            return change(spec, dataOption, serverOption, key, (edits, viewer) -> edits.apply(key, patch, viewer),
                    patch);
        }

        private static @org.jspecify.annotations.Nullable Set<String> set(
                @org.jspecify.annotations.Nullable List<String> values) {
            return values == null ? null : Set.copyOf(values);
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Closes an incident (status CLOSED); prints it as JSON.")
    static class Close implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Mixin
        ServerOption serverOption;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            return change(spec, dataOption, serverOption, key, (edits, viewer) -> edits.close(key, viewer),
                    Map.of("status", "CLOSED"));
        }
    }

    @Command(name = "reopen", mixinStandardHelpOptions = true, description = "Reopens an incident (status INVESTIGATING); prints it as JSON.")
    static class Reopen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Mixin
        ServerOption serverOption;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            return change(spec, dataOption, serverOption, key, (edits, viewer) -> edits.reopen(key, viewer),
                    Map.of("status", "INVESTIGATING"));
        }
    }

    private interface Change {
        IncidentDetails apply(IncidentEdits edits, Viewer viewer);
    }

    /** A change in-process, or the same one as {@code PATCH /api/incidents/KEY} with this body. */
    private static int change(CommandSpec spec, DataOption dataOption, ServerOption serverOption, String key,
            Change change, Object remoteBody) {
        try (Target target = Target.open(dataOption, serverOption)) {
            IncidentApi.IncidentDetailView view = target.call(app -> {
                IncidentDetails changed = change.apply(app.bean(IncidentEdits.class), Viewer.LOCAL_ADMIN);
                long events = app.bean(IncidentCatalog.class).eventCounts(Viewer.LOCAL_ADMIN).getOrDefault(key, 0L);
                return IncidentApi.IncidentDetailView.of(changed, events);
            }, server -> server.send("PATCH", "/api/incidents/" + ServerClient.segment(key), remoteBody,
                    IncidentApi.IncidentDetailView.class));
            Json.print(spec.commandLine().getOut(), view);
            return 0;
        }
    }
}
