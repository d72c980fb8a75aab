package dev.hindsight.ingest.source.pagerduty;

import static dev.hindsight.ingest.support.JsonSource.text;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.text.Texts;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.support.Timestamps;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty records as its REST API and v3 webhooks deliver them: {@code log_entries} (one record each, keyed by the
 * log entry id), {@code incidents} (trigger keyed by the incident's first trigger log entry, so it dedups with the log;
 * acknowledgements; resolution), and webhook {@code event}s (keyed by the event id).
 */
final class PagerDutyRecords {

    static final String SOURCE = "pagerduty";
    static final String PARSER = "pagerduty/1";

    private PagerDutyRecords() {}

    public static void decode(JsonNode root, String origin, DecodeContext context, RecordSink sink) {
        if (root.isArray()) {
            JsonSource.eachEntry(root, origin, "events", sink,
                    e -> webhookEvent(e.node().path("event"), e.position(), context));
        } else if (root.has("log_entries")) {
            JsonSource.eachEntryIn(root, "log_entries", origin, sink, e -> logEntry(e, context));
        } else if (root.has("incidents")) {
            JsonSource.eachEntryIn(root, "incidents", origin, sink, e -> {
                incident(e, context, sink);
                return null;
            });
        } else if (root.has("event")) {
            sink.event(webhookEvent(root.get("event"), origin, context));
        } else if (root.path("messages").isArray()) {
            // v1 and v2 webhooks (retired in 2022, still in archives): a v2 message carries its log entries, a v1
            // message is itself the change, at its created_on
            JsonSource.eachEntryIn(root, "messages", origin, sink, m -> {
                JsonNode entries = m.node().path("log_entries");
                if (entries.isArray() && !entries.isEmpty()) {
                    JsonSource.eachEntryIn(m.node(), "log_entries", m.position(), sink, e -> logEntry(e, context));
                    return null;
                }
                return v1Message(m, context);
            });
        } else {
            throw new SourceDataException("expected log_entries, incidents or a webhook event");
        }
    }

    /** The kind of a log entry type; both spellings of acknowledgement occur (the spec disagrees with itself). */
    static EventKind kindOfLogEntry(String type) {
        return switch (type) {
            case "trigger_log_entry" -> EventKind.PAGE_TRIGGERED;
            case "notify_log_entry" -> EventKind.PAGE_NOTIFIED;
            case "acknowledge_log_entry", "acknowledgement_log_entry" -> EventKind.PAGE_ACKNOWLEDGED;
            case "escalate_log_entry" -> EventKind.PAGE_ESCALATED;
            case "resolve_log_entry" -> EventKind.PAGE_RESOLVED;
            default -> EventKind.PAGE_NOTE;
        };
    }

    static EventKind kindOfWebhook(String eventType) {
        return switch (eventType) {
            case "incident.triggered" -> EventKind.PAGE_TRIGGERED;
            case "incident.acknowledged" -> EventKind.PAGE_ACKNOWLEDGED;
            case "incident.escalated", "incident.reassigned", "incident.delegated" -> EventKind.PAGE_ESCALATED;
            case "incident.resolved" -> EventKind.PAGE_RESOLVED;
            default -> EventKind.PAGE_NOTE;
        };
    }

    private static Event logEntry(JsonSource.Entry entry, DecodeContext context) {
        JsonNode e = entry.node();
        String id = JsonSource.required(e, "id");
        String type = JsonSource.required(e, "type");
        Timestamps.Parsed at = JsonSource.time(e, "created_at");
        EventKind kind = kindOfLogEntry(type);
        JsonNode incident = e.path("incident");
        String summary = JsonSource.required(e, "summary");
        String incidentSummary = text(incident, "summary");
        // a note's words are what people read on a timeline, not "Note added"
        String note = text(e, "note");
        String title = kind == EventKind.PAGE_TRIGGERED && incidentSummary != null
                ? incidentSummary + " (" + summary + ")"
                : kind == EventKind.PAGE_NOTE && note != null && !note.isBlank()
                        ? Texts.clip(note.strip(), 200)
                        : summary;
        StringBuilder text = new StringBuilder();
        append(text, text(e.path("event_details"), "description"));
        append(text, note);
        if (kind != EventKind.PAGE_TRIGGERED) {
            append(text, incidentSummary);
        }
        JsonNode agent = e.path("agent");
        String actor = kind == EventKind.PAGE_NOTIFIED ? text(e.path("user"), "summary") : text(agent, "summary");
        String service = text(e.path("service"), "summary");
        if (service == null && "service_reference".equals(text(agent, "type"))) {
            service = text(agent, "summary");
        }
        Event.Builder event = base(kind, at, title, context)
                .text(text.isEmpty() ? null : text.toString())
                .actor(actor)
                .service(service)
                .label("log_entry_type", type)
                .dedupKey(id)
                .raw(JsonSource.raw(entry.position(), e, PARSER));
        label(event, "incident_id", text(incident, "id"));
        label(event, "channel", text(e.path("channel"), "type"));
        link(event, text(e, "html_url"));
        return event.build();
    }

    private static void incident(JsonSource.Entry entry, DecodeContext context, RecordSink sink) {
        JsonNode i = entry.node();
        String id = JsonSource.required(i, "id");
        String title = text(i, "summary") != null ? text(i, "summary") : JsonSource.required(i, "title");
        String service = text(i.path("service"), "summary");
        String trigger = text(i.path("first_trigger_log_entry"), "id");
        Timestamps.Parsed created = JsonSource.time(i, "created_at");
        sink.event(incidentEvent(EventKind.PAGE_TRIGGERED, created, title, service, id, i, entry.position(), context)
                .dedupKey(trigger != null ? trigger : "incident:" + id + ":triggered")
                .build());
        JsonNode acks = i.path("acknowledgements");
        for (int a = 0; a < acks.size(); a++) {
            JsonNode ack = acks.get(a);
            Timestamps.Parsed at = JsonSource.time(ack, "at");
            String who = text(ack.path("acknowledger"), "summary");
            sink.event(incidentEvent(EventKind.PAGE_ACKNOWLEDGED, at, "Acknowledged" + (who == null ? "" : " by " + who)
                    + ": " + title, service, id, i, entry.position(), context)
                    .actor(who)
                    .dedupKey("incident:" + id + ":ack:" + at.instant())
                    .build());
        }
        // older payloads have no resolved_at: the last status change of a resolved incident is its resolution
        String resolvedField = text(i, "resolved_at") != null
                ? "resolved_at"
                : text(i, "last_status_change_at") != null ? "last_status_change_at" : null;
        if ("resolved".equals(text(i, "status")) && resolvedField != null) {
            Timestamps.Parsed at = JsonSource.time(i, resolvedField);
            sink.event(incidentEvent(EventKind.PAGE_RESOLVED, at, "Resolved: " + title, service, id, i,
                    entry.position(), context)
                    .dedupKey("incident:" + id + ":resolved")
                    .build());
        }
    }

    private static Event.Builder incidentEvent(EventKind kind, Timestamps.Parsed at, String title,
            @Nullable String service,
            String id, JsonNode incident, String position, DecodeContext context) {
        Event.Builder event = base(kind, at, title, context)
                .service(service)
                .severity(text(incident, "urgency"))
                .label("incident_id", id)
                .raw(JsonSource.raw(position, incident, PARSER));
        label(event, "incident_number", text(incident, "incident_number"));
        label(event, "priority", text(incident.path("priority"), "summary"));
        link(event, text(incident, "html_url"));
        return event;
    }

    /** One message of a v1 webhook: {@code incident.trigger}, {@code .acknowledge}, {@code .resolve}, ... */
    private static Event v1Message(JsonSource.Entry entry, DecodeContext context) {
        JsonNode m = entry.node();
        String type = JsonSource.required(m, "type");
        Timestamps.Parsed at = JsonSource.time(m, "created_on");
        JsonNode incident = m.path("data").path("incident");
        String summary = text(incident.path("trigger_summary_data"), "subject") != null
                ? text(incident.path("trigger_summary_data"), "subject")
                : text(incident.path("trigger_summary_data"), "description");
        EventKind kind = kindOfWebhook(type.endsWith("e") ? type + "d" : type + "ed");
        String verb = type.startsWith("incident.") ? type.substring("incident.".length()) : type;
        Event.Builder event = base(kind, at, capitalize(verb) + (summary == null ? "" : ": " + summary), context)
                .actor(text(incident.path("last_status_change_by"), "name"))
                .service(text(incident.path("service"), "name"))
                .label("event_type", type)
                .dedupKey(JsonSource.required(m, "id"))
                .raw(JsonSource.raw(entry.position(), m, PARSER));
        label(event, "incident_id", text(incident, "id"));
        label(event, "incident_number", text(incident, "incident_number"));
        link(event, text(incident, "html_url"));
        return event.build();
    }

    /** One v3 webhook event ({@code {"event": {...}}}'s inner object). */
    public static Event webhookEvent(JsonNode e, String position, DecodeContext context) {
        if (e == null || !e.isObject()) {
            throw new SourceDataException("expected a webhook 'event' object");
        }
        String id = JsonSource.required(e, "id");
        String type = JsonSource.required(e, "event_type");
        Timestamps.Parsed at = JsonSource.time(e, "occurred_at");
        JsonNode data = e.path("data");
        JsonNode incident = data.has("incident") ? data.get("incident") : data;
        String incidentTitle = text(data, "title") != null ? text(data, "title") : text(incident, "summary");
        EventKind kind = kindOfWebhook(type);
        String verb = type.startsWith("incident.") ? type.substring("incident.".length()).replace('_', ' ') : type;
        String title = kind == EventKind.PAGE_NOTE && text(data, "content") != null
                ? text(data, "content")
                : capitalize(verb) + (incidentTitle == null ? "" : ": " + incidentTitle);
        Event.Builder event = base(kind, at, title, context)
                .text(kind == EventKind.PAGE_NOTE ? incidentTitle : null)
                .actor(text(e.path("agent"), "summary"))
                .service(text(data.path("service"), "summary"))
                .severity(text(data, "urgency"))
                .label("event_type", type)
                .dedupKey(id)
                .raw(JsonSource.raw(position, e, PARSER));
        label(event, "incident_id", text(incident, "id"));
        label(event, "incident_number", text(data, "number"));
        link(event, text(incident, "html_url"));
        return event.build();
    }

    private static Event.Builder base(EventKind kind, Timestamps.Parsed at, String title, DecodeContext context) {
        Event.Builder event = Event.builder(SOURCE, kind, at.instant(), title).originalTime(at.original(), at.zone(),
                false);
        if (context.provider() != null) {
            event.provider(true).label("provider", context.provider());
        }
        return event;
    }

    private static void append(StringBuilder sb, @Nullable String value) {
        if (value != null) {
            sb.append(sb.isEmpty() ? "" : "\n").append(value);
        }
    }

    private static void label(Event.Builder event, String name, @Nullable String value) {
        if (value != null) {
            event.label(name, value);
        }
    }

    private static void link(Event.Builder event, @Nullable String url) {
        if (url != null && url.startsWith("https://")) {
            event.link(url);
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
