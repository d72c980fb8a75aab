package dev.hindsight.search.timeline;

import dev.hindsight.core.event.Event;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Entities of events: hosts, sites (data centers, regions), services, tickets, IPs, paging incidents, alert
 * fingerprints and chat threads, as typed strings ({@code host:web7}, {@code site:dc-east}). Structured fields give
 * them directly; a dictionary grown from those fields across the window finds the same names in free text, so nothing
 * is hard-coded to a sample.
 */
final class Entities {

    /** Entities specific enough to tie events together; services are too broad on their own. */
    static final Set<String> STRONG = Set.of("host", "site", "ticket", "ip", "pd", "fp", "thread", "alert");

    private static final Pattern IP = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
    private static final Pattern TICKET = Pattern.compile("(?i)\\b(?:ticket|case)\\s*(?:number|no\\.?|#)?\\s*:?\\s*#?([A-Z0-9-]*\\d{4,}[A-Z0-9-]*)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");
    private static final Pattern SCHEME = Pattern.compile("^https?://");
    private static final Pattern PORT_OR_PATH = Pattern.compile("[:/].*$");
    private static final Set<String> SITE_LABELS = Set.of("dc", "datacenter", "region", "zone", "site");

    /** Names seen in structured fields, by lower-case name: what type they are. */
    private final Map<String, String> dictionary = new HashMap<>();

    /** Learns names from the structured fields of the window's events ({@link #structured} of each). */
    Entities(Collection<Set<String>> structuredEntities) {
        for (Set<String> fields : structuredEntities) {
            fields.forEach(entity -> {
                int colon = entity.indexOf(':');
                String type = entity.substring(0, colon);
                String name = entity.substring(colon + 1);
                if ((type.equals("host") || type.equals("site") || type.equals("svc") || type.equals("alert")) && name.length() >= 3) {
                    dictionary.putIfAbsent(name, type);
                }
            });
        }
    }

    /** Every entity of an event: its structured fields, then names from the dictionary and patterns found in its text. */
    Set<String> of(Event e, Set<String> structured) {
        Set<String> entities = new TreeSet<>(structured);
        String text = (e.title() + "\n" + (e.text() == null ? "" : e.text())).toLowerCase(Locale.ROOT);
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String word = words.group();
            addName(entities, word);
            int dot = word.indexOf('.');
            if (dot > 0) { // web7.dc-west in running text
                addName(entities, word.substring(0, dot));
                addName(entities, word.substring(dot + 1).split("\\.")[0]);
            }
        }
        Matcher ip = IP.matcher(text);
        while (ip.find()) {
            entities.add("ip:" + ip.group());
        }
        Matcher ticket = TICKET.matcher(e.title() + "\n" + (e.text() == null ? "" : e.text()));
        while (ticket.find()) {
            entities.add("ticket:" + ticket.group(1).toLowerCase(Locale.ROOT));
        }
        return entities;
    }

    private void addName(Set<String> entities, String word) {
        String type = dictionary.get(word);
        if (type != null) {
            entities.add(type + ":" + word);
        }
    }

    /** Entities straight from fields and labels. */
    static Set<String> structured(Event e) {
        Set<String> entities = new TreeSet<>();
        host(entities, e.host());
        if (e.location() != null) {
            entities.add("site:" + firstToken(e.location()));
        }
        if (e.service() != null) {
            entities.add("svc:" + e.service().toLowerCase(Locale.ROOT).strip());
        }
        for (Map.Entry<String, String> label : e.labels().entrySet()) {
            String name = label.getKey().toLowerCase(Locale.ROOT);
            String value = label.getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            if (SITE_LABELS.contains(name)) {
                entities.add("site:" + firstToken(value));
            } else if (name.equals("sites")) {
                entities.add("site:" + firstToken(value));
            } else if (name.equals("incident_id") && "pagerduty".equals(e.source())) {
                entities.add("pd:" + value);
            } else if (name.equals("alertname")) {
                entities.add("alert:" + value.toLowerCase(Locale.ROOT));
            } else if (name.equals("fingerprint")) {
                entities.add("fp:" + value);
            } else if (name.equals("thread_ts")) {
                entities.add("thread:" + value);
            } else if (name.equals("ticket")) {
                entities.add("ticket:" + value.toLowerCase(Locale.ROOT));
            } else if (name.equals("instance") || name.equals("host")) {
                host(entities, value);
            }
        }
        return entities;
    }

    /** {@code web7.dc-west.example.net} is host web7 in site dc-west; a bare name is just a host. */
    private static void host(Set<String> entities, @Nullable String host) {
        if (host == null || host.isBlank()) {
            return;
        }
        String h = PORT_OR_PATH.matcher(SCHEME.matcher(host.toLowerCase(Locale.ROOT)).replaceFirst("")).replaceFirst("");
        if (IP.matcher(h).matches()) {
            entities.add("ip:" + h);
            return;
        }
        String[] parts = h.split("\\.");
        entities.add("host:" + parts[0]);
        if (parts.length >= 2 && !parts[1].equals("example") && parts[1].length() >= 3) {
            entities.add("site:" + parts[1]);
        }
    }

    private static String firstToken(String value) {
        return value.strip().split("[\\s(,]+")[0].toLowerCase(Locale.ROOT);
    }

    /** Host, site and IP: where something happened. */
    static boolean topology(String entity) {
        return entity.startsWith("host:") || entity.startsWith("site:") || entity.startsWith("ip:");
    }

    static boolean strong(String entity) {
        int colon = entity.indexOf(':');
        for (String type : STRONG) { // compared in place: this runs for every entity of every event, many times
            if (type.length() == colon && entity.startsWith(type)) {
                return true;
            }
        }
        return false;
    }

    /** {@code host:web7} as people say it: "host web7". */
    static String describe(String entity) {
        int colon = entity.indexOf(':');
        String type = switch (entity.substring(0, colon)) {
            case "site" -> "site";
            case "svc" -> "service";
            case "pd" -> "PagerDuty incident";
            case "fp" -> "alert fingerprint";
            case "thread" -> "chat thread";
            default -> entity.substring(0, colon);
        };
        return type + " " + entity.substring(colon + 1);
    }
}
