package dev.hindsight.web.samples;

import dev.hindsight.core.incident.IncidentStatus;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.samples.SampleIncident;
import dev.hindsight.samples.SampleIncidents;
import dev.hindsight.core.store.DataRoot;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.IncidentLifecycle;
import dev.hindsight.search.incident.IncidentUpdate;
import dev.hindsight.search.maintenance.StoreMaintenance;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.ingest.Imports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.reporting.postmortem.Section;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start of a server with an empty data directory, loads the sample incidents (LastPass 2014 and a bad
 * deploy) from their raw files, with the post-mortems their teams wrote and their lessons as action items, so the
 * product opens on a real incident. The raw files are copied to
 * {@code <data>/samples/} for anyone who wants to look at them. {@code serve --no-samples} skips this.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
class SampleLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleLoader.class);

    private final IncidentCatalog incidents;
    private final StoreMaintenance store;
    private final Imports imports;
    private final Path data;
    private final boolean enabled;
    private final PostMortems postMortems;
    private final ActionItems actions;
    private final JsonMapper json;
    private final IncidentLifecycle lifecycle;

    SampleLoader(IncidentCatalog incidents, StoreMaintenance store, Imports imports, DataRoot data,
            SampleSettings settings, PostMortems postMortems, ActionItems actions, JsonMapper json,
            IncidentLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.postMortems = postMortems;
        this.actions = actions;
        this.json = json;
        this.incidents = incidents;
        this.store = store;
        this.imports = imports;
        this.data = data.path();
        this.enabled = settings.enabled();
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!enabled || store.eventCount() > 0 || !incidents.list(Viewer.SYSTEM).isEmpty()) {
            return;
        }
        for (SampleIncident sample : SampleIncidents.ALL) {
            long loaded = load(sample);
            log.info(
                    "First start: loaded the sample incident {} ({} events) from its raw files in {} (start with --no-samples to skip)",
                    sample.key(), loaded, data.resolve("samples").resolve(sample.folder()));
        }
    }

    private static java.util.Set<String> strings(JsonNode array) {
        java.util.Set<String> values = new java.util.TreeSet<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    long load(SampleIncident sample) throws IOException {
        Path folder = Files.createDirectories(data.resolve("samples").resolve(sample.folder()));
        incidents.create(new NewIncident(sample.key(), sample.title(), sample.from(), sample.to(),
                Severity.parse(sample.severity()).orElse(Severity.SEV3), null, sample.commander(), false, Set.of()),
                Viewer.SYSTEM);
        long accepted = 0;
        for (SampleIncident.SampleFile file : sample.files()) {
            Path target = folder.resolve(file.name());
            try (InputStream in = sample.open(file)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            ImportReport report = imports.run(List.of(target),
                    new ImportOptions(file.attach() ? sample.key() : null, null, ZoneId.of(sample.zone()), null,
                            file.provider(), ImportOptions.DEFAULT_BATCH, data),
                    Viewer.SYSTEM, ImportProgress.Listener.NONE);
            if (report.rejected() > 0) {
                log.warn("Sample file {} had {} rejected records: {}", file.name(), report.rejected(),
                        report.rejections());
            }
            accepted += report.accepted();
        }
        incidents.setStatus(sample.key(), IncidentStatus.RESOLVED, Viewer.SYSTEM);
        loadPostMortem(sample);
        return accepted;
    }

    /** The post-mortem the team wrote, and its lessons as action items with owners, due dates and where they stand. */
    private void loadPostMortem(SampleIncident sample) throws IOException {
        var file = sample.openPostMortem();
        if (file.isEmpty()) {
            return;
        }
        JsonNode root;
        try (InputStream in = file.get()) {
            root = json.readTree(in);
        }
        String author = root.path("author").asString("hindsight");
        Viewer by = new Viewer(author, true);
        Map<Section, String> sections = new EnumMap<>(Section.class);
        root.path("sections").properties()
                .forEach(e -> sections.put(Section.valueOf(e.getKey()), e.getValue().asString()));
        JsonNode filed = root.path("incident");
        if (filed.isObject()) { // how the team filed the incident: its team, services and tags
            lifecycle.update(sample.key(), new IncidentUpdate(null, null, null, null, null, null, null, null, null,
                    filed.path("team").asString(null), root.path("cause").asString(null),
                    strings(filed.path("services")),
                    strings(filed.path("tags")), null), by);
        }
        postMortems.save(sample.key(), new PostMortems.Edit(sections, null, root.path("cause").asString(null)), by);
        ReviewStatus status = ReviewStatus.valueOf(root.path("status").asString("DRAFT"));
        if (status != ReviewStatus.DRAFT) {
            postMortems.review(sample.key(), status, by);
        }
        for (JsonNode a : root.path("actions")) {
            ActionItem item = actions
                    .open(sample.key(), new NewActionItem(sample.key(), a.path("title").asString(),
                            a.path("lesson").asString(null),
                            a.path("owner").asString(null), a.path("team").asString(null),
                            ActionItem.Type.valueOf(a.path("type").asString()),
                            ActionItem.Priority.valueOf(a.path("priority").asString()),
                            LocalDate.parse(a.path("dueDate").asString())), by);
            ActionItem.Status state = ActionItem.Status.valueOf(a.path("status").asString("OPEN"));
            if (state != ActionItem.Status.OPEN) {
                actions.change(item.id(), new ActionItems.Change(null, null, null, null, null, null, state, null),
                        new Viewer(a.path("owner").asString(author), true));
            }
        }
    }
}
