package dev.hindsight.search.timeline;

import dev.hindsight.core.event.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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

    private static final Pattern IP = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
    private static final Pattern TICKET = Pattern
            .compile("(?i)\\b(?:ticket|case)\\s*(?:number|no\\.?|#)?\\s*:?\\s*#?([A-Z0-9-]*\\d{4,}[A-Z0-9-]*)");
    private static final Pattern FIRST_TOKEN_END = Pattern.compile("[\\s(,]+");
    private static final Set<String> SITE_LABELS = Set.of("dc", "datacenter", "region", "zone", "site");

    /** Names seen in structured fields, by lower-case name: the typed entity they are ({@code web7} → {@code host:web7}). */
    private final Map<String, String> dictionary = new HashMap<>();

    /** Learns names from the structured fields of the window's events ({@link #structured} of each). */
    Entities(Collection<? extends Set<String>> structuredEntities) {
        Set<String> seen = new HashSet<>();
        for (Set<String> fields : structuredEntities) {
            fields.forEach(entity -> {
                if (!seen.add(entity)) {
                    return;
                }
                int colon = entity.indexOf(':');
                String type = entity.substring(0, colon);
                String name = entity.substring(colon + 1);
                if ((type.equals("host") || type.equals("site") || type.equals("svc") || type.equals("alert"))
                        && name.length() >= 3) {
                    dictionary.putIfAbsent(name, entity);
                }
            });
        }
    }

    /**
     * Every entity of an event: its structured fields, then names from the dictionary and patterns found in its text.
     * Neither set is changed afterwards: when the text adds nothing, the structured set itself is returned.
     */
    NavigableSet<String> of(Event e, NavigableSet<String> structured) {
        List<String> found = new ArrayList<>(4);
        String text = (e.title() + "\n" + (e.text() == null ? "" : e.text())).toLowerCase(Locale.ROOT);
        forEachWord(text, word -> {
            if (word.length() < 3) {
                return; // no name in the dictionary is that short, nor is any part of it
            }
            addName(found, word);
            int dot = word.indexOf('.');
            if (dot > 0) { // web7.dc-west in running text
                int next = word.indexOf('.', dot + 1);
                addName(found, word.substring(0, dot));
                addName(found, word.substring(dot + 1, next < 0 ? word.length() : next));
            }
        });
        if (mayHoldAnIp(text)) {
            Matcher ip = IP.matcher(text);
            while (ip.find()) {
                found.add("ip:" + ip.group());
            }
        }
        if (text.contains("ticket") || text.contains("case")) { // the ticket pattern's words: most texts have neither
            Matcher ticket = TICKET.matcher(e.title() + "\n" + (e.text() == null ? "" : e.text()));
            while (ticket.find()) {
                found.add("ticket:" + ticket.group(1).toLowerCase(Locale.ROOT));
            }
        }
        if (structured.containsAll(found)) {
            return structured; // most events name nothing in their text that their fields do not: one set serves both
        }
        NavigableSet<String> entities = new TreeSet<>(structured);
        entities.addAll(found);
        return entities;
    }

    /**
     * A run of digits and dots holding three dots: what every IP address is, checked before the pattern runs over
     * the text (most texts have numbers, few have addresses).
     */
    static boolean mayHoldAnIp(String text) {
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (++dots == 3) {
                    return true;
                }
            } else if (c < '0' || c > '9') {
                dots = 0;
            }
        }
        return false;
    }

    private void addName(List<String> entities, String word) {
        String entity = dictionary.get(word);
        if (entity != null) {
            entities.add(entity);
        }
    }

    /**
     * Words that may be names: a letter or digit, then letters, digits, dots, underscores and hyphens, ending in a
     * letter or digit ({@code web7.dc-west}, {@code db_2}). Scanned by hand: this runs over the text of every event
     * of a window, where a regular expression took a fifth of the timeline's time.
     */
    static void forEachWord(String text, Consumer<String> out) {
        int start = -1; // the first letter or digit of the current word
        int end = -1; // just after its last letter or digit
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (Words.letterOrNumber(cp)) {
                if (start < 0) {
                    start = i;
                }
                end = next;
            } else if (start >= 0 && !(cp == '.' || cp == '_' || cp == '-')) {
                out.accept(text.substring(start, end));
                start = -1;
            }
            i = next;
        }
        if (start >= 0) {
            out.accept(text.substring(start, end));
        }
    }

    /**
     * One window's entity names, shared by every core: each entity is kept as one string (the same host named by a
     * thousand events is hashed once and compared by reference), and each host field is taken apart once.
     */
    static final class Names {
        private final Map<String, String> canonical = new ConcurrentHashMap<>();
        private final Map<String, List<String>> hosts = new ConcurrentHashMap<>();

        String canonical(String entity) {
            String known = canonical.putIfAbsent(entity, entity);
            return known == null ? entity : known;
        }

        /** The entities of a host field ({@link #host(List, String)}), worked out on its first sight in the window. */
        List<String> host(String field) {
            List<String> entities = hosts.get(field);
            if (entities == null) {
                List<String> parsed = new ArrayList<>(2);
                Entities.host(parsed, field);
                entities = List.copyOf(parsed); // made canonical with the rest of the event's entities
                hosts.putIfAbsent(field, entities);
            }
            return entities;
        }
    }

    /** Entities straight from fields and labels, as the window's {@link Names} keeps them. */
    static NavigableSet<String> structured(Event e, Names names) {
        List<String> entities = new ArrayList<>(8);
        if (e.host() != null) {
            entities.addAll(names.host(e.host()));
        }
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
                entities.addAll(names.host(value));
            }
        }
        NavigableSet<String> unique = new TreeSet<>();
        for (String x : entities) {
            unique.add(names.canonical(x));
        }
        return unique;
    }

    /** {@code web7.dc-west.example.net} is host web7 in site dc-west; a bare name is just a host. */
    private static void host(List<String> entities, @Nullable String host) {
        if (host == null || host.isBlank()) {
            return;
        }
        // taken apart by hand: every event of a window has a host or two, and patterns here allocated more than the rest
        String h = host.toLowerCase(Locale.ROOT);
        h = h.startsWith("http://") ? h.substring(7) : h.startsWith("https://") ? h.substring(8) : h;
        for (int i = 0; i < h.length(); i++) {
            if (h.charAt(i) == ':' || h.charAt(i) == '/') { // a port or a path
                h = h.substring(0, i);
                break;
            }
        }
        if (isIpAddress(h)) {
            entities.add("ip:" + h);
            return;
        }
        int dot = h.indexOf('.');
        entities.add("host:" + (dot < 0 ? h : h.substring(0, dot)));
        if (dot >= 0) {
            int next = h.indexOf('.', dot + 1);
            String site = h.substring(dot + 1, next < 0 ? h.length() : next);
            if (!site.equals("example") && site.length() >= 3) {
                entities.add("site:" + site);
            }
        }
    }

    /** Four groups of one to three digits, separated by dots. */
    static boolean isIpAddress(String h) {
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
            } else if (c == '.' && digits > 0 && dots < 3) {
                dots++;
                digits = 0;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    private static String firstToken(String value) {
        return FIRST_TOKEN_END.split(value.strip(), 2)[0].toLowerCase(Locale.ROOT);
    }

    /** The services among an event's entities, found without looking at the others. */
    static NavigableSet<String> services(NavigableSet<String> entities) {
        return entities.subSet("svc:", true, "svc;", false); // ';' sorts right after ':'
    }

    /** Host, site and IP: where something happened. */
    static boolean topology(String entity) {
        return entity.startsWith("host:") || entity.startsWith("site:") || entity.startsWith("ip:");
    }

    /**
     * Entities specific enough to tie events together: hosts, sites, tickets, IPs, pages ({@code pd}), fingerprints
     * ({@code fp}), threads and alerts; services are too broad on their own. Decided by the type's length first: this
     * runs for every entity of every event, many times.
     */
    static boolean strong(String entity) {
        return switch (entity.indexOf(':')) {
            case 2 -> entity.startsWith("ip") || entity.startsWith("pd") || entity.startsWith("fp");
            case 4 -> entity.startsWith("host") || entity.startsWith("site");
            case 5 -> entity.startsWith("alert");
            case 6 -> entity.startsWith("ticket") || entity.startsWith("thread");
            default -> false;
        };
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
