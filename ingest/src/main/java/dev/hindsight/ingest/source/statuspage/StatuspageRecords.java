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
            sink.event(componentUpdate(root, origin, page, context));
            return;
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

    /**
     * A component's status change, as a webhook delivers it without any incident ({@code major_outage},
     * {@code under_maintenance}, back to {@code operational}): a STATUS_UPDATE of the component, keyed by the change.
     */
    private static Event componentUpdate(JsonNode root, String origin, @Nullable String page, DecodeContext context) {
        JsonNode change = root.get("component_update");
        JsonNode component = root.path("component");
        String name = text(component, "name") != null
                ? text(component, "name")
                : JsonSource.required(change, "component_id");
        String from = text(change, "old_status");
        String to = JsonSource.required(change, "new_status");
        Timestamps.Parsed at = JsonSource.time(change, "created_at");
        Event.Builder event = Event.builder("statuspage", EventKind.STATUS_UPDATE, at.instant(),
                name + " — " + (from == null ? "" : from.replace('_', ' ') + " → ") + to.replace('_', ' '))
                .originalTime(at.original(), at.zone(), false)
                .service(name)
                .label("status", to)
                .label("component_id", String.valueOf(text(change, "component_id")))
                .dedupKey("component_update:" + JsonSource.required(change, "id"))
                .raw(JsonSource.raw(origin, change, PARSER));
        String pageId = page != null ? page : text(root.path("page"), "id");
        if (pageId != null) {
            event.label("page", pageId);
        }
        if (context.provider() != null) {
            event.provider(true).label("provider", context.provider());
        }
        return event.build();
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
        List<String> names = new ArrayList<>();
        for (JsonNode c : components) {
            String component = text(c, "name");
            // the old API's stand-in when nothing was affected is not a component
            if (component != null && !component.startsWith("No components were affected")) {
                names.add(component);
            }
        }
        if (!names.isEmpty()) {
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
