package dev.hindsight.web.actions;

import dev.hindsight.core.incident.Viewer;
import dev.hindsight.web.cli.Json;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.CliContext;
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
        "csv: one row per item; jira-csv: columns Jira's CSV importer maps; ics: a VTODO per item with a due date."})
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

    @Override
    public Integer call() {
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            ActionItems actions = app.bean(ActionItems.class);
            List<ActionItem> items = actions.list(new ActionItems.Filter(incident, owner, team, overdue, false),
                    Viewer.LOCAL_ADMIN);
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case json -> Json.print(out, items);
                case csv -> out.print(ActionFeeds.csv(items));
                case jira_csv -> out.print(ActionFeeds.jiraCsv(items));
                case ics -> out.print(ActionFeeds.ics(items, actions.now()));
            }
            out.flush();
            return 0;
        }
    }
}
