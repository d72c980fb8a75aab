package dev.hindsight.bench;

import dev.hindsight.core.event.Event;
import dev.hindsight.ingest.support.JsonSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bench corpus written in the sources' own formats, for the ingest benchmarks beside jsonl: Alertmanager webhook
 * notifications (version 4, as saved from a webhook receiver) and a Slack workspace export zip.
 */
final class SourceFormats {

    /** Alerts per saved notification, as a busy Alertmanager group would send them. */
    static final int ALERTS_PER_NOTIFICATION = 500;

    private SourceFormats() {}

    /** One folder of notification files, every event as one firing alert with its own fingerprint. */
    static Path alertmanager(List<Event> events, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int from = 0, file = 0; from < events.size(); from += ALERTS_PER_NOTIFICATION, file++) {
            List<Map<String, Object>> alerts = new ArrayList<>();
            for (int i = from; i < Math.min(events.size(), from + ALERTS_PER_NOTIFICATION); i++) {
                Event e = events.get(i);
                Map<String, String> labels = new TreeMap<>();
                labels.put("alertname", e.title().length() > 80 ? e.title().substring(0, 80) : e.title());
                labels.put("instance", e.host() == null ? "bench" : e.host());
                labels.put("severity", e.severity() == null ? "warning" : e.severity());
                Map<String, Object> alert = new LinkedHashMap<>();
                alert.put("status", "firing");
                alert.put("labels", labels);
                alert.put("annotations", Map.of("summary", e.title(), "description", e.text() == null ? "" : e.text()));
                alert.put("startsAt", e.occurredAt().toString());
                alert.put("endsAt", "0001-01-01T00:00:00Z");
                alert.put("generatorURL", "http://prometheus.bench:9090/graph");
                alert.put("fingerprint", String.format(Locale.ROOT, "%016x", i + 1L));
                alerts.add(alert);
            }
            Map<String, Object> notification = new LinkedHashMap<>();
            notification.put("version", "4");
            notification.put("groupKey", "{}:{bench=\"" + file + "\"}");
            notification.put("truncatedAlerts", 0);
            notification.put("status", "firing");
            notification.put("receiver", "hindsight");
            notification.put("groupLabels", Map.of("bench", Integer.toString(file)));
            notification.put("commonLabels", Map.of());
            notification.put("commonAnnotations", Map.of());
            notification.put("externalURL", "http://alertmanager.bench:9093");
            notification.put("alerts", alerts);
            Files.writeString(dir.resolve(String.format(Locale.ROOT, "notification-%05d.json", file)),
                    JsonSource.MAPPER.writeValueAsString(notification));
        }
        return dir;
    }

    /** A Slack export: every event as a message in #ops, in the day files Slack writes. */
    static Path slackExport(List<Event> events, Path zip) throws IOException {
        Map<LocalDate, List<Map<String, Object>>> days = new TreeMap<>();
        Map<Long, Integer> sameSecond = new HashMap<>(); // Slack's ts is unique per channel: seconds plus a counter
        for (Event e : events) {
            long second = e.occurredAt().getEpochSecond();
            int n = sameSecond.merge(second, 1, Integer::sum);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "message");
            message.put("user", "U0" + Math.abs(e.source().hashCode() % 9));
            message.put("text", e.title() + (e.text() == null ? "" : "\n" + e.text()));
            message.put("ts", second + "." + String.format(Locale.ROOT, "%06d", n));
            days.computeIfAbsent(LocalDate.ofInstant(e.occurredAt(), ZoneOffset.UTC), d -> new ArrayList<>())
                    .add(message);
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            List<Map<String, String>> users = new ArrayList<>();
            for (int u = 0; u < 9; u++) {
                users.add(Map.of("id", "U0" + u, "name", "engineer" + u, "real_name", "Engineer " + u));
            }
            entry(out, "users.json", JsonSource.MAPPER.writeValueAsString(users));
            entry(out, "channels.json", "[{\"id\":\"C01\",\"name\":\"ops\",\"created\":1735689600}]");
            for (Map.Entry<LocalDate, List<Map<String, Object>>> day : days.entrySet()) {
                entry(out, "ops/" + day.getKey() + ".json", JsonSource.MAPPER.writeValueAsString(day.getValue()));
            }
        }
        return zip;
    }

    private static void entry(ZipOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
