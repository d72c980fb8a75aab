package dev.hindsight.ingest.source.statuspage;

import static dev.hindsight.ingest.support.JsonSource.text;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.support.Timestamps;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Statuspage incidents as the public {@code /api/v2} returns them ({@code incidents.json}, {@code summary.json}) or a
 * webhook delivers one ({@code {"incident": ...}}): each incident update is one STATUS_UPDATE at the time the page
 * shows it ({@code display_at}), keyed by the update id.
 */
final class StatuspageRecords {

    static final String PARSER = "statuspage/1";

    private StatuspageRecords() {}

    public static void decode(JsonNode root, String origin, DecodeContext context, RecordSink sink) {
        String page = text(root.path("page"), "name");
        List<JsonNode> incidents = new ArrayList<>();
        if (root.has("incidents")) {
            root.get("incidents").forEach(incidents::add);
        } else if (root.has("incident")) {
            incidents.add(root.get("incident"));
        } else if (root.has("incident_updates")) {
            incidents.add(root);
        } else if (root.has("component_update")) {
            throw new JsonSource.Skip("a component status change carries no incident update");
        } else {
            throw new SourceDataException("expected incidents, an incident, or incident_updates");
        }
        for (int i = 0; i < incidents.size(); i++) {
            JsonNode incident = incidents.get(i);
            String where = origin + "#incidents[" + i + "]";
            JsonSource.eachEntryIn(incident, "incident_updates", where, sink,
                    entry -> update(entry, incident, page, context));
        }
    }

    private static Event update(JsonSource.Entry entry, JsonNode incident, @Nullable String page,
            DecodeContext context) {
        JsonNode u = entry.node();
        String status = JsonSource.required(u, "status");
        Timestamps.Parsed at = JsonSource.time(u, text(u, "display_at") != null ? "display_at" : "created_at");
        String name = JsonSource.required(incident, "name");
        Event.Builder event = Event.builder("statuspage", EventKind.STATUS_UPDATE, at.instant(), name + " — " + status)
                .originalTime(at.original(), at.zone(), false)
                .text(text(u, "body"))
                .severity(text(incident, "impact"))
                .label("status", status)
                .dedupKey(JsonSource.required(u, "id"))
                .raw(JsonSource.raw(entry.position(), u, PARSER));
        JsonNode components = u.path("affected_components");
        if (components.isArray() && !components.isEmpty()) {
            List<String> names = new ArrayList<>();
            components.forEach(c -> names.add(String.valueOf(text(c, "name"))));
            event.service(String.join(", ", names));
        }
        String incidentId = text(incident, "id");
        if (incidentId != null) {
            event.label("incident_id", incidentId);
        }
        if (page != null) {
            event.label("page", page);
        }
        String link = text(incident, "shortlink");
        if (link != null && link.startsWith("https://")) {
            event.link(link);
        }
        if (context.provider() != null) {
            event.provider(true).label("provider", context.provider());
        }
        return event.build();
    }
}
