package dev.hindsight.web.samples;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.EventBatch;
import dev.hindsight.core.store.EventSink;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.reporting.postmortem.Section;
import dev.hindsight.samples.SyntheticIncidents;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.IncidentLifecycle;
import dev.hindsight.search.incident.IncidentUpdate;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.cli.CliContext;
import dev.hindsight.web.cli.DataOption;
import dev.hindsight.web.cli.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate-year", mixinStandardHelpOptions = true, description = {
        "Fills a data directory with a seeded year of incidents, as a team would have run them: evidence (the",
        "synthetic corpus of 'generate', with customer reports before some alerts), each incident filed (severity,",
        "team, services, cause, tags) and closed, a published post-mortem, and action items that were done over the",
        "following weeks or are still open. For trying the dashboard's trends and benchmarks; the data directory",
        "should be empty. Prints {\"incidents\", \"events\", \"actionItems\", \"seconds\"}."})
public class GenerateYearCommand implements Callable<Integer> {

    static final String[] TEAMS = {"platform", "payments", "identity", "data"};
    static final String[] CAUSES = {"provider network", "capacity", "deploy", "configuration", "software bug"};

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption dataOption;

    @Option(names = "--incidents", defaultValue = "96", paramLabel = "K", description = "Incidents over the year (default: ${DEFAULT-VALUE}).")
    int incidents;

    @Option(names = "--events", defaultValue = "50000", paramLabel = "N", description = "Background events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "S", description = "Same seed, same year (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--end", paramLabel = "ISO", description = "The year's last day (default: today, UTC).")
    Instant end;

    @Override
    public Integer call() {
        if (incidents < 1 || incidents > 2_000 || events < 0 || events > 5_000_000) {
            throw new InvalidInputException("--incidents must be 1..2000 and --events 0..5000000");
        }
        long started = System.nanoTime();
        Instant last = (end == null ? Instant.now() : end).truncatedTo(ChronoUnit.DAYS);
        Instant first = last.minus(Duration.ofDays(365));
        var generated = SyntheticIncidents.generate(new SyntheticIncidents.Config(seed, events, incidents, first,
                Duration.ofDays(365), Duration.ofSeconds(150)));
        Random random = new Random(seed);
        Map<String, Object> summary = new LinkedHashMap<>();
        try (CliContext app = CliContext.open(dataOption.resolve())) {
            Viewer admin = Viewer.LOCAL_ADMIN;
            IncidentCatalog catalog = app.bean(IncidentCatalog.class);
            IncidentLifecycle lifecycle = app.bean(IncidentLifecycle.class);
            EventSink sink = app.bean(EventSink.class);
            PostMortems postMortems = app.bean(PostMortems.class);
            ActionItems actions = app.bean(ActionItems.class);
            JdbcTemplate jdbc = app.bean(JdbcTemplate.class);

            Set<String> attached = new HashSet<>();
            generated.incidents().forEach(p -> attached.addAll(p.attachedIds()));
            List<Event> background = generated.events().stream().filter(e -> !attached.contains(e.id())).toList();
            for (int i = 0; i < background.size(); i += 5_000) {
                sink.append(new EventBatch(background.subList(i, Math.min(background.size(), i + 5_000)), List.of(),
                        null, null, admin));
            }
            Map<String, Event> byId = new LinkedHashMap<>();
            generated.events().forEach(e -> byId.put(e.id(), e));
            int items = 0;
            for (int n = 0; n < generated.incidents().size(); n++) {
                SyntheticIncidents.Planted p = generated.incidents().get(n);
                Severity severity = Severity.values()[Math.min(4, random.nextInt(5))];
                String team = TEAMS[random.nextInt(TEAMS.length)];
                String cause = CAUSES[random.nextInt(CAUSES.length)];
                catalog.create(new NewIncident(p.key(), "Synthetic outage " + (n + 1) + " (" + cause + ")", p.from(),
                        p.to(), severity, null, null, false, Set.of()), admin);
                List<Event> evidence = new ArrayList<>(p.attachedIds().stream().map(byId::get).toList());
                // later in the year the team catches things sooner: customers report less often, and earlier
                double progress = (double) n / generated.incidents().size();
                if (random.nextDouble() < 0.7 - 0.4 * progress) {
                    // the report names the host of the incident's first alert, as a support ticket would
                    Event alert = p.storylineOf().keySet().stream().map(byId::get)
                            .filter(e -> e.kind() == EventKind.ALERT_FIRING && e.host() != null)
                            .min(java.util.Comparator.comparing(Event::occurredAt)).orElseThrow();
                    long lead = 60L * (5 + random.nextInt((int) (40 - 25 * progress)));
                    evidence.add(Event.builder("support", EventKind.NOTE, alert.occurredAt().minusSeconds(lead),
                            "Customers report errors and timeouts on " + alert.host()).actor("support desk")
                            .host(alert.host()).location(alert.location()).dedupKey(p.key() + "-report").build());
                }
                sink.append(new EventBatch(evidence, List.of(), p.key(), null, admin));
                Set<String> services = new java.util.TreeSet<>();
                evidence.stream().map(Event::service).filter(java.util.Objects::nonNull).forEach(services::add);
                lifecycle.update(p.key(), new IncidentUpdate(null, null, IncidentStatus.CLOSED, null, null, null, null,
                        null, null, team, cause, services.isEmpty() ? Set.of("edge") : services,
                        Set.of("synthetic"), null), admin);

                Map<Section, String> sections = new EnumMap<>(Section.class);
                sections.put(Section.ROOT_CAUSE, "A " + cause + " problem at the edge of " + p.key() + ".");
                sections.put(Section.LESSONS, "- Alert on upstream packet loss sooner\n- Rehearse the failover");
                postMortems.save(p.key(), new PostMortems.Edit(sections, null, cause), admin);
                postMortems.review(p.key(), ReviewStatus.PUBLISHED, admin);
                int count = 2 + random.nextInt(2);
                for (int i = 0; i < count; i++) {
                    ActionItem item = actions.open(p.key(), new NewActionItem(p.key(),
                            (i == 0 ? "Alert sooner on " : "Harden ") + services.stream().findFirst().orElse("edge"),
                            null, null, team, i == 0 ? ActionItem.Type.DETECT : ActionItem.Type.PREVENT,
                            ActionItem.Priority.values()[random.nextInt(4)],
                            p.from().atZone(ZoneOffset.UTC).toLocalDate().plusDays(14 + random.nextInt(60))),
                            admin);
                    items++;
                    // the older the incident, the likelier its items are done; done some weeks after it
                    Instant created = p.to().plus(Duration.ofDays(1));
                    boolean done = random.nextDouble() < 0.9 - 0.6 * progress;
                    Instant closed = created.plus(Duration.ofDays(3 + random.nextInt(40)));
                    jdbc.update("update action_item set created_at = ?, updated_at = ?, status = ?, closed_at = ?"
                            + " where id = ?", created.atOffset(ZoneOffset.UTC),
                            (done ? closed : created).atOffset(ZoneOffset.UTC),
                            done ? ActionItem.Status.DONE.name() : ActionItem.Status.OPEN.name(),
                            done ? closed.atOffset(ZoneOffset.UTC) : null, item.id());
                }
            }
            summary.put("incidents", generated.incidents().size());
            summary.put("events", generated.events().size());
            summary.put("actionItems", items);
        }
        summary.put("seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        Json.print(spec.commandLine().getOut(), summary);
        return 0;
    }
}
