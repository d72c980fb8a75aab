package dev.hindsight.ingest.source.alerts;

import static dev.hindsight.ingest.support.JsonSource.strings;
import static dev.hindsight.ingest.support.JsonSource.text;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.JsonSource;
import dev.hindsight.ingest.spi.RecordSink;
import dev.hindsight.ingest.spi.SourceDataException;
import dev.hindsight.ingest.support.Timestamps;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps an Alertmanager ({@code version "4"}) or Grafana ({@code version "1"}) webhook notification to events: each
 * alert is one record; firing at {@code startsAt}, resolved at {@code endsAt}. A repeated notification of the same
 * alert in the same state has the same dedup key, so re-delivery is a duplicate.
 */
final class AlertNotifications {

    /** Alertmanager's "no end yet" value of {@code endsAt}. */
    static final String OPEN_END = "0001-01-01T00:00:00Z";

    private static final List<String> HOST_LABELS = List.of("instance", "host", "hostname", "node", "server");
    private static final List<String> SERVICE_LABELS = List.of("service", "job", "app", "component");
    private static final List<String> LOCATION_LABELS = List.of("datacenter", "dc", "region", "zone", "site",
            "location");

    private AlertNotifications() {}

    /** Decodes one notification (or an array of them) to the sink. */
    public static void decode(JsonNode root, String origin, String source, DecodeContext context, RecordSink sink) {
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                decodeOne(root.get(i), origin + "#" + i, source, context, sink);
            }
        } else {
            decodeOne(root, origin, source, context, sink);
        }
    }

    private static void decodeOne(JsonNode notification, String origin, String source, DecodeContext context,
            RecordSink sink) {
        if (!notification.isObject()) {
            throw new SourceDataException("expected a notification object");
        }
        if (notification.has("ruleName") && notification.has("evalMatches")) {
            throw new SourceDataException(
                    "this is Grafana's legacy (pre-unified alerting) webhook body, which is not supported");
        }
        String groupKey = text(notification, "groupKey");
        String groupStatus = text(notification, "status");
        JsonSource.eachEntryIn(notification, "alerts", origin, sink,
                entry -> alert(entry, source, groupKey, groupStatus, text(notification, "receiver"), context));
    }

    private static Event alert(JsonSource.Entry entry, String source, @Nullable String groupKey,
            @Nullable String groupStatus, @Nullable String receiver, DecodeContext context) {
        JsonNode alert = entry.node();
        // senders that relay Alertmanager's body (and their test fixtures) may leave the per-alert status out: the
        // notification's own status is then each alert's
        String status = text(alert, "status") != null ? text(alert, "status") : groupStatus;
        if (status == null) {
            throw new SourceDataException("field 'status' is missing, on the alert and on the notification");
        }
        Map<String, String> labels = strings(alert, "labels");
        Map<String, String> annotations = strings(alert, "annotations");
        Timestamps.Parsed startsAt = JsonSource.time(alert, "startsAt");
        EventKind kind;
        Timestamps.Parsed at;
        switch (status) {
            case "firing" -> {
                kind = EventKind.ALERT_FIRING;
                at = startsAt;
            }
            case "resolved" -> {
                kind = EventKind.ALERT_RESOLVED;
                if (OPEN_END.equals(text(alert, "endsAt")) || text(alert, "endsAt") == null) {
                    throw new SourceDataException(
                            "a resolved alert needs a real endsAt, found " + text(alert, "endsAt"));
                }
                at = JsonSource.time(alert, "endsAt");
            }
            default -> throw new SourceDataException("field 'status' is '" + status + "', expected firing or resolved");
        }
        String fingerprint = text(alert, "fingerprint");
        String identity = fingerprint != null ? fingerprint : sortedLabels(labels);
        String alertName = labels.getOrDefault("alertname", "");
        alertName = alertName.isBlank() ? "alert" : alertName;
        String summary = annotations.get("summary");
        summary = summary == null || summary.isBlank() ? null : summary;
        String title = summary != null
                ? summary
                : alertName + (first(labels, HOST_LABELS) == null ? "" : " on " + first(labels, HOST_LABELS));
        StringBuilder text = new StringBuilder();
        if (annotations.get("description") != null) {
            text.append(annotations.get("description"));
        }
        JsonNode values = alert.get("values");
        if (values != null && values.isObject() && !values.isEmpty()) {
            text.append(text.isEmpty() ? "" : "\n").append("values: ")
                    .append(strings(alert, "values").entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        }
        Event.Builder event = Event
                .builder(source, kind, at.instant(), (kind == EventKind.ALERT_RESOLVED ? "Resolved: " : "") + title)
                .originalTime(at.original(), at.zone(), false)
                .text(text.isEmpty() ? null : text.toString())
                .host(first(labels, HOST_LABELS))
                .service(first(labels, SERVICE_LABELS))
                .location(first(labels, LOCATION_LABELS))
                .severity(labels.get("severity"))
                .actor(receiver)
                .labels(labels)
                .label("alertname", alertName)
                .dedupKey(identity + "|" + status + "|" + startsAt.instant())
                .raw(JsonSource.raw(entry.position(), alert, source + "/1"));
        if (fingerprint != null) {
            event.label("fingerprint", fingerprint);
        }
        if (groupKey != null) {
            event.label("groupKey", groupKey);
        }
        for (String link : List.of("generatorURL", "silenceURL", "dashboardURL", "panelURL", "runbook_url")) {
            String url = link.equals("runbook_url") ? annotations.get(link) : text(alert, link);
            if (url != null && (url.startsWith("http://") || url.startsWith("https://"))) {
                event.link(url);
            }
        }
        if (context.provider() != null) {
            event.provider(true).label("provider", context.provider());
        }
        return event.build();
    }

    private static @Nullable String first(Map<String, String> labels, List<String> names) {
        for (String name : names) {
            String value = labels.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String sortedLabels(Map<String, String> labels) {
        return new TreeMap<>(labels).toString();
    }
}
