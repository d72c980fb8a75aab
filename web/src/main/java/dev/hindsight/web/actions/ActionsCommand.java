package dev.hindsight.web.actions;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.ExitCodes;
import dev.hindsight.web.cli.ServerClient;
import dev.hindsight.web.reminders.Reminders;
import dev.hindsight.web.cli.ServerOption;
import dev.hindsight.web.cli.Target;
import dev.hindsight.reporting.actions.ActionFeeds;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "actions", mixinStandardHelpOptions = true, description = {
        "Lists action items (lessons learned turned into work), soonest due first.",
        "json: [{\"id\",\"incidentKey\",\"title\",\"owner\",\"team\",\"type\",\"priority\",\"dueDate\",\"status\",\"trackerKey\",...}]",
        "csv: one row per item; jira-csv: columns Jira's CSV importer maps; ics: a VTODO per item with a due date.",
        "'actions remind' sends the reminders due now (e-mail digests, team channels)."}, subcommands = ActionsCommand.Remind.class)
public class ActionsCommand implements Callable<Integer> {

    enum Format {
        json,
        csv,
        ics,
        jira_csv
    }

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Mixin
    ServerOption serverOption;

    @Option(names = "--overdue", description = "Only open items whose due date has passed.")
    boolean overdue;

    @Option(names = "--incident", paramLabel = "KEY", description = "Only items of this incident.")
    String incident;

    @Option(names = "--owner", paramLabel = "NAME", description = "Only items of this owner.")
    String owner;

    @Option(names = "--team", paramLabel = "NAME", description = "Only items of this team.")
    String team;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv|ics|jira-csv", converter = FormatConverter.class, description = "Default: ${DEFAULT-VALUE}.")
    Format format;

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Format.valueOf(value.replace('-', '_'));
        }
    }

    private java.util.Map<String, Object> query() {
        java.util.Map<String, Object> q = new java.util.LinkedHashMap<>();
        q.put("overdue", overdue);
        q.put("incident", incident);
        q.put("owner", owner);
        q.put("team", team);
        return q;
    }

    @Override
    public Integer call() {
        try (Target target = Target.open(dataOption, serverOption)) {
            List<ActionItem> items = target.call(
                    app -> app.bean(ActionItems.class).list(new ActionItems.Filter(incident, owner, team, overdue,
                            false), Viewer.LOCAL_ADMIN),
                    server -> server.get(ServerClient.path("/api/actions", query()),
                            new tools.jackson.core.type.TypeReference<List<ActionItem>>() {
                            }));
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case json -> Json.print(out, items);
                case csv -> out.print(ActionFeeds.csv(items));
                case jira_csv -> out.print(ActionFeeds.jiraCsv(items));
                case ics -> out.print(ActionFeeds.ics(items, java.time.Instant.now()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "remind", mixinStandardHelpOptions = true, description = {
            "Sends the reminders due now: each owner's digest of items overdue or due soon (e-mail, through",
            "spring.mail.*), each team channel's summary (hindsight.reminders.channels); nothing twice for the same",
            "item and day. With --server (or a server holding the data directory) the server sends them.",
            "Prints {\"sent\": [...], \"failed\": [...], \"notes\": [...]}; exit 1 when a delivery failed."})
    static class Remind implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption dataOption;

        @Mixin
        ServerOption serverOption;

        @Override
        public Integer call() {
            try (Target target = Target.open(dataOption, serverOption)) {
                Reminders.Run run = target.call(app -> app.bean(Reminders.class).run(true),
                        server -> server.send("POST", "/api/actions/remind", null, Reminders.Run.class));
                Json.print(spec.commandLine().getOut(), run);
                return run.failed().isEmpty() ? 0 : ExitCodes.FAILED;
            }
        }
    }
}
