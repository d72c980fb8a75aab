package dev.hindsight.search.timeline;

import dev.hindsight.core.timeline.Timeline;
import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.event.StoredEvent;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.curation.Curations;
import dev.hindsight.search.store.WindowRows;
import dev.hindsight.core.timeline.Timeline.Entry;
import dev.hindsight.core.timeline.Timeline.Finding;
import dev.hindsight.core.timeline.Timeline.FindingType;
import dev.hindsight.core.timeline.Timeline.Moment;
import dev.hindsight.core.timeline.Timeline.MomentKind;
import dev.hindsight.core.timeline.Timeline.Storyline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Builds an incident's timeline. Steps, each leaving its reason on what it decided:
 * <ol>
 *   <li>candidates: the events attached to the incident, plus events in its window (with lead and lag) that match its
 *       scope or share a host, site, ticket, IP, paging incident, alert or thread with what is attached;</li>
 *   <li>collapse: repeats of one alert or page fold into one entry with a count and a range;</li>
 *   <li>storylines: structured evidence (alerts, pages, changes, logs, provider notices) linked by shared strong
 *       entities; chat, notes and reports join the storyline they talk about;</li>
 *   <li>key moments and metrics exactly as the contract defines them;</li>
 *   <li>findings: detection gaps, communication gaps, provider discrepancies, data gaps.</li>
 * </ol>
 * Deterministic: the same events in any order give the same timeline.
 */
@Service
@EnableConfigurationProperties(TimelineSettings.class)
public class TimelineEngine {

    static final Set<EventKind> HUMAN = Collections
            .unmodifiableSet(EnumSet.of(EventKind.CHAT_MESSAGE, EventKind.PAGE_NOTE, EventKind.NOTE));
    static final Set<EventKind> COLLAPSIBLE = Collections
            .unmodifiableSet(EnumSet.of(EventKind.ALERT_FIRING, EventKind.ALERT_RESOLVED,
                    EventKind.PAGE_NOTIFIED, EventKind.PAGE_ESCALATED, EventKind.LOG_LINE));
    static final String CHAT = "chat";
    /** Rounds of growing the evidence from what was included. */
    static final int EXPANSION_ROUNDS = 2;
    static final String COMMS = "comms";

    private final WindowRows rows;
    private final EventSearch search;
    private final TimelineSettings settings;
    private final Curations curations;

    public TimelineEngine(WindowRows rows, EventSearch search, TimelineSettings settings, Curations curations) {
        this.rows = rows;
        this.search = search;
        this.settings = settings;
        this.curations = curations;
    }

    /**
     * The timeline of an incident as this viewer may see it, with its commanders' curation laid over it.
     *
     * @param hiddenIncidents incidents the viewer may not see: events attached to them are left out
     */
    public Timeline build(IncidentSummary incident, Set<String> hiddenIncidents) {
        Map<String, StoredEvent> attached = new TreeMap<>();
        rows.attachedTo(incident.key()).forEach(e -> attached.put(e.id(), e));
        List<StoredEvent> window = rows.between(incident.from().minus(settings.lead()),
                incident.to().plus(settings.lag()));
        Timeline proposed = assemble(incident, attached.values(), window, scopeMatches(incident), hiddenIncidents);
        return CuratedTimeline.apply(proposed, curations.of(incident.key()));
    }

    private Set<String> scopeMatches(IncidentSummary incident) {
        if (incident.scope() == null || incident.scope().isBlank()) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        for (int offset = 0; offset < SearchQuery.MAX_WINDOW; offset += SearchQuery.MAX_LIMIT) {
            var page = search.search(new SearchQuery(incident.scope(), incident.from().minus(settings.lead()),
                    incident.to().plus(settings.lag()), Map.of(), SearchQuery.MAX_LIMIT, offset, SearchQuery.Sort.TIME,
                    Set.of()));
            page.hits().forEach(h -> ids.add(h.id()));
            if (page.hits().size() < SearchQuery.MAX_LIMIT) {
                break;
            }
        }
        return ids;
    }

    /** The pure part: from events to timeline (no database, no index), for tests and the micro-benchmarks. */
    public Timeline assemble(IncidentSummary incident, Collection<StoredEvent> attachedEvents,
            Collection<StoredEvent> windowEvents,
            Set<String> scope, Set<String> hidden) {
        Set<String> attachedIds = attachedEvents.stream().map(StoredEvent::id).collect(Collectors.toSet());
        // an attached event in the window counts once, as attached; no map of the whole window is built (its table
        // would be one of the large short-lived objects that make the collector work hardest)
        List<StoredEvent> all = new ArrayList<>(windowEvents.size() + attachedEvents.size());
        windowEvents.stream().filter(e -> !attachedIds.contains(e.id())).forEach(all::add);
        all.addAll(attachedEvents);
        all.removeIf(e -> !Collections.disjoint(e.incidents(), hidden));

        // every pass below walks the events in time order, and finds an event's extracted entities by its position
        List<StoredEvent> inOrder = sortedDistinct(all);
        int n = inOrder.size();
        // per-event extraction is independent of the other events: it runs on every core
        Entities.Names names = new Entities.Names();
        List<NavigableSet<String>> fieldsAt = IntStream.range(0, n).parallel()
                .mapToObj(i -> Entities.structured(inOrder.get(i).event(), names)).toList();
        Entities entities = new Entities(fieldsAt); // in time order: the first type seen wins
        List<NavigableSet<String>> entitiesAt = IntStream.range(0, n).parallel()
                .mapToObj(i -> entities.of(inOrder.get(i).event(), fieldsAt.get(i))).toList();

        // 1. candidates
        String[] reasons = new String[n];
        Map<String, String> attachedStrong = new TreeMap<>(); // strong entity or service -> an attached event's title showing it
        for (int i = 0; i < n; i++) {
            StoredEvent e = inOrder.get(i);
            if (attachedIds.contains(e.id())) {
                reasons[i] = "attached to " + incident.key();
                entitiesAt.get(i).stream().filter(x -> Entities.strong(x) || x.startsWith("svc:"))
                        .forEach(x -> attachedStrong.putIfAbsent(x, e.event().title()));
            }
        }
        boolean openWindow = attachedIds.isEmpty() && scope.isEmpty();
        for (int i = 0; i < n; i++) {
            StoredEvent e = inOrder.get(i);
            if (reasons[i] != null) {
                continue;
            }
            if (scope.contains(e.id())) {
                reasons[i] = "matches the incident's scope";
            } else if (openWindow && inWindow(e, incident)) {
                reasons[i] = "in the incident window";
            } else {
                int at = i;
                shared(fieldsAt.get(i), entitiesAt.get(i), attachedStrong).ifPresent(x -> reasons[at] = "shares "
                        + Entities.describe(x) + " with \"" + shorten(attachedStrong.get(x)) + "\"");
            }
        }
        // the evidence grows from what came in (a change naming three hosts brings their alerts), a bounded number of
        // rounds and only through specific entities: sites and services would let unrelated noise snowball in. An open
        // window (nothing attached, no scope) takes only what lies inside it, so there is nothing to grow.
        for (int round = 0; round < EXPANSION_ROUNDS && !openWindow; round++) {
            Map<String, String> included = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                if (reasons[i] != null) {
                    String title = inOrder.get(i).event().title();
                    entitiesAt.get(i).stream().filter(x -> Entities.strong(x) && !x.startsWith("site:"))
                            .forEach(x -> included.putIfAbsent(x, title));
                }
            }
            boolean grew = false;
            for (int i = 0; i < n; i++) {
                if (reasons[i] == null) {
                    Optional<String> via = shared(fieldsAt.get(i), entitiesAt.get(i), included)
                            .filter(x -> !x.startsWith("svc:"));
                    if (via.isPresent()) {
                        reasons[i] = "shares " + Entities.describe(via.get()) + " with \""
                                + shorten(included.get(via.get())) + "\"";
                        grew = true;
                    }
                }
            }
            if (!grew) {
                break;
            }
        }
        List<Integer> candidateAt = IntStream.range(0, n).filter(i -> reasons[i] != null).boxed().toList();
        List<StoredEvent> candidates = candidateAt.stream().map(inOrder::get).toList();

        // 2. collapse repeats
        List<Group> groups = collapse(candidateAt, inOrder, fieldsAt, entitiesAt, reasons);
        // clock skew reads only the candidates: it runs on another core while the storylines are built
        CompletableFuture<List<ClockSkew.Skew>> skewsLater = CompletableFuture
                .supplyAsync(() -> ClockSkew.estimate(candidates, settings.clockSkew()));

        // 3. storylines
        List<Storyline> storylines = storylines(groups);

        List<ClockSkew.Skew> skews = skewsLater.join();
        Map<String, Long> skewOf = skews.stream()
                .collect(Collectors.toMap(ClockSkew.Skew::source, ClockSkew.Skew::offsetSeconds));

        List<Entry> entries = new ArrayList<>();
        for (Group g : groups) {
            Event e = g.first.event();
            Long skew = skewOf.get(e.source());
            entries.add(new Entry(g.first.id(), e.occurredAt(), e.source(), e.kind(), e.title(), g.storyline,
                    g.events.size(),
                    g.events.size() > 1 ? g.last().event().occurredAt() : null,
                    g.reason + (g.events.size() > 1 ? "; " + g.events.size() + " repeats collapsed" : ""),
                    e.actor(), e.provider(), skew == null ? null : e.occurredAt().minusSeconds(skew), false, null, null,
                    e.service(), e.host()));
        }

        // 4. moments and metrics
        Map<MomentKind, Moment> moments = moments(candidates);
        Timeline.Metrics metrics = metrics(moments);

        // 5. findings
        List<Finding> findings = new ArrayList<>();
        skews.forEach(k -> findings.add(new Finding(FindingType.CLOCK_SKEW,
                k.source() + " runs " + minutes(Duration.ofSeconds(Math.abs(k.offsetSeconds())))
                        + " " + (k.offsetSeconds() > 0 ? "ahead of" : "behind") + " " + k.reference() + " (" + k.pairs()
                        + " records mirror each other); corrected times are shown beside its entries",
                k.source(), k.offsetSeconds())));
        findings.addAll(detectionGaps(groups, storylines));
        findings.addAll(commsGaps(candidates, moments));
        findings.addAll(providerDiscrepancies(candidates, groups));
        findings.addAll(dataGaps(candidates, incident));

        return new Timeline(new Timeline.Incident(incident.key(), incident.title(), incident.from(), incident.to()),
                List.copyOf(moments.values()), metrics, entries, storylines, findings);
    }

    /**
     * The entity by which a window event joins, if any: evidence that names its own host joins by that host (or an IP,
     * ticket, page, fingerprint or thread), not just by sharing a site, a service or an alert name: a data center holds
     * many boxes that have nothing to do with the incident, and many boxes fire alerts of the same name.
     */
    private static Optional<String> shared(Set<String> fields, Set<String> entities, Map<String, String> known) {
        boolean ownHost = fields.stream().anyMatch(x -> x.startsWith("host:"));
        return entities.stream().filter(known::containsKey)
                .filter(x -> !ownHost || (Entities.strong(x) && !x.startsWith("site:") && !x.startsWith("alert:")))
                .sorted(Comparator.comparing((String x) -> x.startsWith("svc:")).thenComparing(x -> x))
                .findFirst();
    }

    private static boolean inWindow(StoredEvent e, IncidentSummary incident) {
        Instant at = e.event().occurredAt();
        return !at.isBefore(incident.from()) && !at.isAfter(incident.to());
    }

    /** Oldest first, then by id, each id once. The window's rows come oldest first: the sort is near linear. */
    private static List<StoredEvent> sortedDistinct(List<StoredEvent> events) {
        events.sort(Comparator.comparing((StoredEvent e) -> e.event().occurredAt()).thenComparing(StoredEvent::id));
        List<StoredEvent> distinct = new ArrayList<>(events.size());
        for (StoredEvent e : events) {
            if (distinct.isEmpty() || !distinct.getLast().id().equals(e.id())) {
                distinct.add(e);
            }
        }
        return distinct;
    }

    // ---- collapse --------------------------------------------------------------------------------------------

    /**
     * Events folded into one entry: the first stands for the rest, and what was extracted from the first (its fields,
     * entities and words) travels with the group, as do the storyline decisions made about it.
     */
    private static final class Group {
        final StoredEvent first;
        final List<StoredEvent> events = new ArrayList<>();
        final NavigableSet<String> fields;
        final NavigableSet<String> entities;
        final String reason;
        /** What it links by (evidence only) and its strong entities: set on every core before clustering. */
        List<String> links = List.of();
        List<String> strong = List.of();
        /** Set only for the groups that are placed by their words. */
        Set<String> words = Set.of();
        /** The cluster it was put in by its own entities or service, if any. */
        @Nullable
        String root;
        @Nullable
        String storyline;

        Group(StoredEvent first, NavigableSet<String> fields, NavigableSet<String> entities, String reason) {
            this.first = first;
            this.fields = fields;
            this.entities = entities;
            this.reason = reason;
            events.add(first);
        }

        StoredEvent last() {
            return events.get(events.size() - 1);
        }
    }

    private List<Group> collapse(List<Integer> candidateAt, List<StoredEvent> inOrder,
            List<NavigableSet<String>> fieldsAt,
            List<NavigableSet<String>> entitiesAt, String[] reasons) {
        List<Group> groups = new ArrayList<>();
        Map<String, Group> open = new HashMap<>();
        // what each repeat is a repeat of depends on the event alone: worked out on every core
        List<@Nullable String> keys = candidateAt.parallelStream().map(i -> {
            Event ev = inOrder.get(i).event();
            if (!COLLAPSIBLE.contains(ev.kind())) {
                return null;
            }
            String key = ev.source() + "|" + ev.kind() + "|" + identity(ev);
            key.hashCode(); // a string keeps its hash: hashed here, on every core, not in the loop below
            return key;
        }).toList();
        for (int c = 0; c < candidateAt.size(); c++) {
            int i = candidateAt.get(c);
            StoredEvent e = inOrder.get(i);
            Event ev = e.event();
            String key = keys.get(c);
            if (key == null) {
                groups.add(new Group(e, fieldsAt.get(i), entitiesAt.get(i), reasons[i]));
                continue;
            }
            Group group = open.get(key);
            if (group != null && Duration.between(group.last().event().occurredAt(), ev.occurredAt())
                    .compareTo(settings.collapseWithin()) <= 0) {
                group.events.add(e);
            } else {
                group = new Group(e, fieldsAt.get(i), entitiesAt.get(i), reasons[i]);
                open.put(key, group);
                groups.add(group);
            }
        }
        return groups;
    }

    /** What makes two notifications "the same alert": its fingerprint, else host, service and title without numbers. */
    private static String identity(Event e) {
        String fingerprint = e.labels().get("fingerprint");
        if (fingerprint != null) {
            return fingerprint;
        }
        return e.host() + "|" + e.service() + "|" + withoutNumbers(e.title());
    }

    /**
     * The title with each run of digits and number punctuation ({@code 0-9 . , : %}) as one {@code #}: two firings of
     * the same alert differ only in their numbers. By hand, not a pattern: it runs for every alert of a window.
     */
    static String withoutNumbers(String title) {
        StringBuilder out = new StringBuilder(title.length());
        boolean inNumber = false;
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            boolean numeric = (c >= '0' && c <= '9') || c == '.' || c == ',' || c == ':' || c == '%';
            if (!numeric) {
                out.append(c);
            } else if (!inNumber) {
                out.append('#');
            }
            inNumber = numeric;
        }
        return out.toString();
    }

    // ---- storylines ------------------------------------------------------------------------------------------

    /** Clusters the groups into storylines; leaves each group's storyline id on it. */
    private List<Storyline> storylines(List<Group> groups) {
        // what each group links by, its strong entities and its words depend on the group alone: every core works them out
        groups.parallelStream().forEach(g -> {
            if (isEvidence(g)) {
                g.links = linkingEntities(g);
            }
            List<String> strong = new ArrayList<>(g.entities.size()); // in order: the entities are a sorted set
            for (String x : g.entities) {
                if (Entities.strong(x)) {
                    strong.add(x);
                }
            }
            g.strong = strong;
        });
        // structured evidence linked by shared strong entities (union-find over entities)
        Map<String, String> parent = new HashMap<>();
        List<Group> structured = groups.stream().filter(TimelineEngine::isEvidence).toList();
        Set<List<String>> linked = new HashSet<>(); // repeats of an alert link the same entities: each list is joined once
        for (Group g : structured) {
            if (g.links.size() > 1 && linked.add(g.links)) {
                for (int i = 1; i < g.links.size(); i++) {
                    union(parent, g.links.get(0), g.links.get(i));
                }
            }
        }
        Map<String, List<Group>> clusters = new TreeMap<>();
        for (Group g : structured) {
            String root = g.links.isEmpty() ? serviceKey(g) : find(parent, g.links.get(0));
            if (root != null) {
                g.root = root;
                clusters.computeIfAbsent(root, r -> new ArrayList<>()).add(g);
            }
        }
        // a service-only storyline (a deploy, say) joins the one storyline whose evidence carries that service
        for (String key : List.copyOf(clusters.keySet())) {
            if (!key.startsWith("svc-")) {
                continue;
            }
            String service = key.substring(4);
            List<String> owners = clusters.entrySet().stream()
                    .filter(c -> !c.getKey().startsWith("svc-"))
                    .filter(c -> c.getValue().stream().anyMatch(g -> g.fields.contains(service)))
                    .map(Map.Entry::getKey).toList();
            if (owners.size() == 1) {
                List<Group> moved = clusters.remove(key);
                clusters.get(owners.get(0)).addAll(moved);
                moved.forEach(g -> g.root = owners.get(0));
            }
        }
        // chat, notes, reports and entity-less evidence join the cluster they share most strong entities with, else the
        // storyline of their service, else the one whose evidence uses the same distinctive words
        List<Group> unplaced = groups.stream().filter(g -> g.root == null).toList();
        Map<Group, String> targets = new HashMap<>();
        List<Group> byWords = new ArrayList<>();
        if (!unplaced.isEmpty()) {
            Map<String, Set<String>> clustersByEntity = clustersByEntity(clusters, unplaced);
            ServiceTargets byService = new ServiceTargets(groups, unplaced);
            for (Group g : unplaced) {
                Optional<String> target = isOwnStatus(g)
                        ? Optional.of(COMMS)
                        : bestCluster(g.strong, clustersByEntity).or(() -> byService.of(g));
                target.ifPresentOrElse(t -> targets.put(g, t), () -> byWords.add(g));
            }
        }
        if (!byWords.isEmpty()) {
            SortedMap<String, Set<String>> clusterWords = clusterWords(clusters, byWords);
            for (Group g : byWords) {
                targets.put(g, Words.closest(g.words, clusterWords)
                        .orElse(kind(g) == EventKind.CHAT_MESSAGE ? CHAT : "other"));
            }
        }
        Map<String, List<Group>> extras = new TreeMap<>();
        unplaced.forEach(g -> extras.computeIfAbsent(targets.get(g), t -> new ArrayList<>()).add(g));
        extras.forEach((target, members) -> clusters.computeIfAbsent(target, t -> new ArrayList<>()).addAll(members));

        // ids in order of first appearance, titles from their entities
        List<Map.Entry<String, List<Group>>> ordered = clusters.entrySet().stream()
                .peek(c -> c.getValue()
                        .sort(Comparator.comparing((Group g) -> g.first.event().occurredAt())
                                .thenComparing(g -> g.first.id())))
                .sorted(Comparator
                        .comparing((Map.Entry<String, List<Group>> c) -> c.getValue().get(0).first.event().occurredAt())
                        .thenComparing(Map.Entry::getKey))
                .toList();
        for (int n = 0; n < ordered.size(); n++) {
            String id = "s" + (n + 1);
            ordered.get(n).getValue().forEach(g -> g.storyline = id);
        }
        // each storyline's title and reason read only its own members: they are worked out side by side
        return IntStream.range(0, ordered.size()).parallel().mapToObj(n -> {
            Map.Entry<String, List<Group>> cluster = ordered.get(n);
            List<Group> members = cluster.getValue();
            Instant from = members.get(0).first.event().occurredAt();
            Instant to = members.stream().map(g -> g.last().event().occurredAt()).max(Comparator.naturalOrder())
                    .orElse(from);
            int size = members.stream().mapToInt(g -> g.events.size()).sum();
            return new Storyline("s" + (n + 1), title(cluster.getKey(), members), from, to, size,
                    reason(cluster.getKey(), members));
        }).toList();
    }

    /**
     * Which clusters carry each strong entity that some unplaced group has: scoring a group then touches its own
     * entities only, not every cluster.
     */
    private static Map<String, Set<String>> clustersByEntity(Map<String, List<Group>> clusters, List<Group> unplaced) {
        Map<String, Set<String>> clustersByEntity = new HashMap<>();
        unplaced.forEach(g -> g.strong.forEach(x -> clustersByEntity.put(x, new TreeSet<>())));
        if (!clustersByEntity.isEmpty()) {
            clusters.forEach((root, members) -> members.forEach(g -> g.strong.forEach(x -> {
                Set<String> carriers = clustersByEntity.get(x);
                if (carriers != null) {
                    carriers.add(root);
                }
            })));
        }
        clustersByEntity.values().removeIf(Set::isEmpty);
        return clustersByEntity;
    }

    /**
     * The distinctive words of each cluster's evidence, as far as the groups to place use them (a group scores a
     * cluster by the words they share, so other words do not count). Words are worked out here, on every core, for
     * the groups to place and every cluster member.
     */
    private static SortedMap<String, Set<String>> clusterWords(Map<String, List<Group>> clusters, List<Group> toPlace) {
        toPlace.parallelStream().forEach(g -> g.words = Words.of(g.first.event()));
        Set<String> wanted = toPlace.stream().flatMap(g -> g.words.stream()).collect(Collectors.toSet());
        SortedMap<String, Set<String>> clusterWords = new TreeMap<>();
        clusters.forEach((root, members) -> clusterWords.put(root, members.parallelStream().collect(HashSet::new,
                (found, g) -> Words.forEach(g.first.event(), w -> {
                    if (wanted.contains(w)) {
                        found.add(w);
                    }
                }), Set::addAll)));
        return clusterWords;
    }

    private static EventKind kind(Group g) {
        return g.first.event().kind();
    }

    private static boolean isOwnStatus(Group g) {
        return kind(g) == EventKind.STATUS_UPDATE && !g.first.event().provider();
    }

    /** Alerts, pages, changes, logs and provider notices: what storylines are built from (people's words join them). */
    private static boolean isEvidence(Group g) {
        return !HUMAN.contains(kind(g)) && !isOwnStatus(g);
    }

    /**
     * What ties this evidence to others: its own host, site and IP fields (text naming other places must not bridge
     * two storylines), its tickets, paging incidents, alerts and threads; text topology only when it has no fields.
     */
    private static List<String> linkingEntities(Group g) {
        boolean ownTopology = false;
        for (String x : g.fields) {
            ownTopology |= Entities.topology(x);
        }
        String firstHost = g.entities.ceiling("host:");
        boolean namesHosts = firstHost != null && firstHost.startsWith("host:");
        List<String> links = new ArrayList<>(g.entities.size()); // in order: the entities are a sorted set
        for (String x : g.entities) {
            if (Entities.strong(x) && (!Entities.topology(x)
                    || (ownTopology ? g.fields.contains(x) : !namesHosts || !x.startsWith("site:")))) {
                links.add(x);
            }
        }
        return links;
    }

    /** The storyline key of evidence that has a service and nothing more specific. */
    private static @Nullable String serviceKey(Group g) {
        NavigableSet<String> services = Entities.services(g.fields);
        return services.isEmpty() ? null : "svc-" + services.first();
    }

    /** The cluster sharing most strong entities with the group; on a tie, the first by key. */
    private static Optional<String> bestCluster(List<String> strongEntities,
            Map<String, Set<String>> clustersByEntity) {
        Map<String, Integer> shared = new TreeMap<>();
        for (String entity : new HashSet<>(strongEntities)) {
            for (String cluster : clustersByEntity.getOrDefault(entity, Set.of())) {
                shared.merge(cluster, 1, Integer::sum);
            }
        }
        String best = null;
        int bestScore = 0;
        for (Map.Entry<String, Integer> c : shared.entrySet()) {
            if (c.getValue() > bestScore) {
                best = c.getKey();
                bestScore = c.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A report about a service joins the storyline of the change or alert on that service (the logout fix, say): for
     * each service, the storylines its evidence belongs to (a storyline-less group offers "svc-" plus the service), with
     * how many groups offer each, so a group looks up its own services instead of scanning every group.
     */
    private static final class ServiceTargets {
        private final Map<String, TreeMap<String, Integer>> byService = new HashMap<>();

        /** Only the services of the groups to place are looked up: only theirs are gathered. */
        ServiceTargets(List<Group> groups, List<Group> toPlace) {
            toPlace.forEach(g -> services(g).forEach(service -> byService.put(service, new TreeMap<>())));
            if (byService.isEmpty()) {
                return;
            }
            for (Group other : groups) {
                if (isEvidence(other)) {
                    for (String service : services(other)) {
                        TreeMap<String, Integer> targets = byService.get(service);
                        if (targets != null) {
                            targets.merge(other.root != null ? other.root : "svc-" + service, 1, Integer::sum);
                        }
                    }
                }
            }
        }

        /** The first storyline, by key, offered for any of the group's services by some other group. */
        Optional<String> of(Group g) {
            boolean offersItself = isEvidence(g) && g.root == null;
            String best = null;
            for (String service : services(g)) {
                for (Map.Entry<String, Integer> target : byService.getOrDefault(service, new TreeMap<>()).entrySet()) {
                    boolean onlyItself = offersItself && target.getValue() == 1
                            && target.getKey().equals("svc-" + service);
                    if (!onlyItself) {
                        if (best == null || target.getKey().compareTo(best) < 0) {
                            best = target.getKey();
                        }
                        break;
                    }
                }
            }
            return Optional.ofNullable(best);
        }

        private static Set<String> services(Group g) {
            return Entities.services(g.entities);
        }
    }

    private static String title(String key, List<Group> members) {
        if (key.equals(COMMS)) {
            return "Status page updates";
        }
        if (key.equals(CHAT)) {
            return "Team chat";
        }
        if (key.startsWith("svc-svc:")) {
            return "Service " + key.substring("svc-svc:".length());
        }
        List<Group> evidence = members.stream().filter(g -> !HUMAN.contains(kind(g))).toList();
        Map<String, Long> counts = countEntities(evidence.isEmpty() ? members : evidence,
                x -> x.startsWith("site:") || x.startsWith("host:"));
        Optional<String> site = counts.entrySet().stream().filter(x -> x.getKey().startsWith("site:"))
                .max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(x -> x.getKey().substring(5));
        List<String> hosts = counts.entrySet().stream().filter(x -> x.getKey().startsWith("host:"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(x -> x.getKey().substring(5)).sorted().toList();
        if (site.isPresent()) {
            return site.get() + (hosts.isEmpty() ? "" : " (" + String.join(", ", hosts) + ")");
        }
        if (!hosts.isEmpty()) {
            return String.join(", ", hosts);
        }
        return shorten(members.get(0).first.event().title());
    }

    private static String reason(String key, List<Group> members) {
        if (key.equals(COMMS)) {
            return "the organisation's own status page";
        }
        if (key.equals(CHAT)) {
            return "chat that names no host, site or ticket of another storyline";
        }
        if (key.startsWith("svc-")) {
            return "reports and changes about " + Entities.describe(key.substring(4));
        }
        List<String> shared = countEntities(members, Entities::strong).entrySet().stream().filter(x -> x.getValue() > 1)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(x -> Entities.describe(x.getKey())).toList();
        return shared.isEmpty() ? "one piece of evidence" : "entries share " + String.join(", ", shared);
    }

    /** How many of the groups carry each entity that passes the test (in no order: callers sort what they keep). */
    private static Map<String, Long> countEntities(List<Group> groups, java.util.function.Predicate<String> test) {
        Map<String, long[]> counters = new HashMap<>(); // one counter per entity, not a boxed number per increment
        for (Group g : groups) {
            for (String x : g.entities) {
                if (test.test(x)) {
                    counters.computeIfAbsent(x, k -> new long[1])[0]++;
                }
            }
        }
        Map<String, Long> counts = new HashMap<>();
        counters.forEach((x, n) -> counts.put(x, n[0]));
        return counts;
    }

    private static String find(Map<String, String> parent, String x) {
        String p = parent.getOrDefault(x, x);
        if (p.equals(x)) {
            return x;
        }
        String root = find(parent, p);
        parent.put(x, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) { // the smaller name becomes the root: order-independent
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }

    // ---- moments and metrics (contract definitions) ---------------------------------------------------------

    private static Map<MomentKind, Moment> moments(List<StoredEvent> events) {
        Map<MomentKind, Moment> moments = new EnumMap<>(MomentKind.class);
        Optional<StoredEvent> firstFiring = first(events, e -> e.kind() == EventKind.ALERT_FIRING);
        Optional<Moment> statedStart = events.stream()
                .filter(e -> e.event().provider() && e.event().labels().containsKey("stated.impactStart"))
                .map(e -> new Moment(MomentKind.IMPACT_START,
                        Instant.parse(e.event().labels().get("stated.impactStart")), e.id()))
                .min(Comparator.comparing(Moment::at).thenComparing(Moment::eventId));
        Optional<Moment> alertStart = firstFiring
                .map(e -> new Moment(MomentKind.IMPACT_START, e.event().occurredAt(), e.id()));
        Optional<Moment> impact = alertStart.isPresent() && statedStart.isPresent()
                ? Optional.of(
                        statedStart.get().at().isBefore(alertStart.get().at()) ? statedStart.get() : alertStart.get())
                : alertStart.or(() -> statedStart);
        impact.ifPresent(m -> moments.put(MomentKind.IMPACT_START, m));
        first(events, e -> e.kind() == EventKind.ALERT_FIRING || e.kind() == EventKind.PAGE_TRIGGERED)
                .ifPresent(e -> moments.put(MomentKind.DETECTED, moment(MomentKind.DETECTED, e)));
        first(events, e -> e.kind() == EventKind.PAGE_ACKNOWLEDGED)
                .ifPresent(e -> moments.put(MomentKind.ACKNOWLEDGED, moment(MomentKind.ACKNOWLEDGED, e)));
        first(events, e -> e.kind() == EventKind.STATUS_UPDATE && !e.provider())
                .ifPresent(e -> moments.put(MomentKind.FIRST_COMMS, moment(MomentKind.FIRST_COMMS, e)));
        first(events, Event::provider)
                .ifPresent(e -> moments.put(MomentKind.PROVIDER_NOTICE, moment(MomentKind.PROVIDER_NOTICE, e)));
        first(events,
                e -> e.kind() == EventKind.STATUS_UPDATE && !e.provider()
                        && "monitoring".equalsIgnoreCase(e.labels().get("status")))
                .ifPresent(e -> moments.put(MomentKind.MITIGATED, moment(MomentKind.MITIGATED, e)));
        last(events,
                e -> (e.kind() == EventKind.STATUS_UPDATE && !e.provider()
                        && "resolved".equalsIgnoreCase(e.labels().get("status")))
                        || e.kind() == EventKind.PAGE_RESOLVED || e.kind() == EventKind.ALERT_RESOLVED)
                .ifPresent(e -> moments.put(MomentKind.RESOLVED, moment(MomentKind.RESOLVED, e)));
        return moments;
    }

    private static Moment moment(MomentKind kind, StoredEvent e) {
        return new Moment(kind, e.event().occurredAt(), e.id());
    }

    private static Optional<StoredEvent> first(List<StoredEvent> events, java.util.function.Predicate<Event> test) {
        return events.stream().filter(e -> test.test(e.event())).findFirst();
    }

    private static Optional<StoredEvent> last(List<StoredEvent> events, java.util.function.Predicate<Event> test) {
        StoredEvent found = null;
        for (StoredEvent e : events) {
            if (test.test(e.event())) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    static Timeline.Metrics metrics(Map<MomentKind, Moment> m) {
        return new Timeline.Metrics(
                between(m.get(MomentKind.IMPACT_START), m.get(MomentKind.DETECTED)),
                between(m.get(MomentKind.DETECTED), m.get(MomentKind.ACKNOWLEDGED)),
                between(m.get(MomentKind.DETECTED), m.get(MomentKind.FIRST_COMMS)),
                between(m.get(MomentKind.IMPACT_START), m.get(MomentKind.MITIGATED)),
                between(m.get(MomentKind.IMPACT_START), m.get(MomentKind.RESOLVED)));
    }

    private static @Nullable Long between(@Nullable Moment from, @Nullable Moment to) {
        return from == null || to == null ? null : Duration.between(from.at(), to.at()).toSeconds();
    }

    // ---- findings --------------------------------------------------------------------------------------------

    /** People reported a problem before any alert of its storyline fired, or no alert ever did. */
    private List<Finding> detectionGaps(List<Group> groups, List<Storyline> storylines) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<Group>> membersOf = groups.stream().collect(Collectors.groupingBy(g -> g.storyline)); // in time order
        for (Storyline s : storylines) {
            if (s.title().equals("Team chat") || s.title().equals("Status page updates")) {
                continue;
            }
            List<Group> members = membersOf.getOrDefault(s.id(), List.of());
            if (members.stream().allMatch(g -> HUMAN.contains(kind(g)))) {
                continue; // chat alone is no storyline of the incident's own
            }
            Optional<Group> report = members.stream()
                    .filter(g -> kind(g) == EventKind.NOTE || kind(g) == EventKind.PAGE_NOTE
                            || (kind(g) == EventKind.CHAT_MESSAGE && Words.soundsLikeAProblem(g.first.event())))
                    .findFirst();
            Optional<Group> alert = members.stream()
                    .filter(g -> kind(g) == EventKind.ALERT_FIRING || kind(g) == EventKind.PAGE_TRIGGERED).findFirst();
            if (report.isEmpty()) {
                continue;
            }
            Instant reported = report.get().first.event().occurredAt();
            String who = report.get().first.event().actor() == null ? "someone" : report.get().first.event().actor();
            if (alert.isEmpty()) {
                findings.add(new Finding(FindingType.DETECTION_GAP,
                        who + " reported \"" + shorten(report.get().first.event().title())
                                + "\" at " + reported + " and no alert of storyline \"" + s.title() + "\" ever fired",
                        null, null));
            } else {
                Duration lead = Duration.between(reported, alert.get().first.event().occurredAt());
                if (lead.compareTo(settings.detectionGap()) > 0) {
                    findings.add(new Finding(FindingType.DETECTION_GAP,
                            who + " reported \"" + shorten(report.get().first.event().title())
                                    + "\" at " + reported + ", " + minutes(lead)
                                    + " before the first alert of storyline \"" + s.title() + "\"",
                            null, null));
                }
            }
        }
        return findings;
    }

    /** Silences on the own status page longer than the threshold while the incident was open. */
    private List<Finding> commsGaps(List<StoredEvent> events, Map<MomentKind, Moment> moments) {
        Moment start = moments.getOrDefault(MomentKind.FIRST_COMMS, moments.get(MomentKind.DETECTED));
        Moment end = moments.get(MomentKind.RESOLVED);
        if (start == null || end == null) {
            return List.of();
        }
        List<Instant> updates = events.stream()
                .filter(e -> e.event().kind() == EventKind.STATUS_UPDATE && !e.event().provider())
                .map(e -> e.event().occurredAt()).filter(t -> t.isAfter(start.at()) && t.isBefore(end.at())).toList();
        List<Instant> marks = new ArrayList<>();
        marks.add(start.at());
        marks.addAll(updates);
        marks.add(end.at());
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i < marks.size(); i++) {
            Duration silence = Duration.between(marks.get(i - 1), marks.get(i));
            if (silence.compareTo(settings.commsGap()) > 0) {
                findings.add(new Finding(FindingType.COMMS_GAP, "no status update for " + minutes(silence) + " between "
                        + marks.get(i - 1) + " and " + marks.get(i), null, null));
            }
        }
        return findings;
    }

    /** A provider's stated times set against our own evidence of the same moments. */
    private List<Finding> providerDiscrepancies(List<StoredEvent> events, List<Group> groups) {
        List<Finding> findings = new ArrayList<>();
        if (events.stream().noneMatch(e -> e.event().provider())) {
            return findings;
        }
        Optional<Instant> firstAlert = first(events, e -> e.kind() == EventKind.ALERT_FIRING)
                .map(e -> e.event().occurredAt());
        Map<String, String> storylineOfEvent = new HashMap<>(); // every event, collapsed repeats included: filled when needed
        Runnable fillStorylines = () -> groups
                .forEach(g -> g.events.forEach(x -> storylineOfEvent.put(x.id(), g.storyline)));
        for (StoredEvent notice : events) {
            Event e = notice.event();
            if (!e.provider()) {
                continue;
            }
            String provider = e.labels().getOrDefault("provider", e.source());
            String start = e.labels().get("stated.impactStart");
            if (start != null && firstAlert.isPresent()) {
                compare(findings, provider, "impact began", Instant.parse(start), "our first alert fired",
                        firstAlert.get());
            }
            String end = e.labels().get("stated.impactEnd");
            if (end != null) {
                if (storylineOfEvent.isEmpty()) {
                    fillStorylines.run();
                }
                String storyline = storylineOfEvent.get(notice.id());
                List<StoredEvent> thread = events.stream()
                        .filter(x -> storyline == null || storyline.equals(storylineOfEvent.get(x.id()))).toList();
                // our evidence of the end: the first recovery after the last alert of that storyline fired
                Optional<Instant> lastFiring = last(thread, x -> x.kind() == EventKind.ALERT_FIRING)
                        .map(x -> x.event().occurredAt());
                thread.stream()
                        .filter(x -> x.event().kind() == EventKind.ALERT_RESOLVED)
                        .filter(x -> lastFiring.isEmpty() || x.event().occurredAt().isAfter(lastFiring.get()))
                        .findFirst()
                        .ifPresent(r -> compare(findings, provider, "impact ended", Instant.parse(end),
                                "our alerts first showed recovery", r.event().occurredAt()));
            }
        }
        return findings;
    }

    private void compare(List<Finding> findings, String provider, String claim, Instant stated, String evidence,
            Instant ours) {
        Duration difference = Duration.between(ours, stated).abs();
        if (difference.compareTo(settings.providerDiscrepancy()) > 0) {
            findings.add(new Finding(FindingType.PROVIDER_DISCREPANCY,
                    provider + " states " + claim + " at " + stated + "; "
                            + evidence + " at " + ours + " (" + minutes(difference)
                            + (stated.isAfter(ours) ? " earlier" : " later") + ")",
                    provider, null));
        }
    }

    /** The longest silence of each source that spoke before and after it inside the window. */
    private List<Finding> dataGaps(List<StoredEvent> events, IncidentSummary incident) {
        Map<String, List<Instant>> bySource = new TreeMap<>();
        events.stream().filter(e -> inWindow(e, incident))
                .forEach(e -> bySource.computeIfAbsent(e.event().source(), s -> new ArrayList<>())
                        .add(e.event().occurredAt()));
        List<Finding> findings = new ArrayList<>();
        bySource.forEach((source, times) -> {
            if (!speaksOften(times)) {
                return; // a source that speaks a few times a day is not "silent" between its words
            }
            Duration longest = Duration.ZERO;
            Instant from = null;
            for (int i = 1; i < times.size(); i++) {
                Duration gap = Duration.between(times.get(i - 1), times.get(i));
                if (gap.compareTo(longest) > 0) {
                    longest = gap;
                    from = times.get(i - 1);
                }
            }
            if (from != null && longest.compareTo(settings.dataGap()) > 0) {
                findings.add(new Finding(FindingType.DATA_GAP,
                        source + " was silent for " + minutes(longest) + " from " + from
                                + " to " + from.plus(longest),
                        source, null));
            }
        });
        return findings;
    }

    /** At least ten records, and half of its gaps shorter than a third of the data-gap threshold. */
    private boolean speaksOften(List<Instant> times) {
        if (times.size() < 10) {
            return false;
        }
        long[] gapNanos = new long[times.size() - 1]; // primitives: a busy source has tens of thousands of gaps
        for (int i = 1; i < times.size(); i++) {
            Instant a = times.get(i - 1);
            Instant b = times.get(i);
            gapNanos[i - 1] = (b.getEpochSecond() - a.getEpochSecond()) * 1_000_000_000L + (b.getNano() - a.getNano());
        }
        Arrays.sort(gapNanos);
        return gapNanos[gapNanos.length / 2] <= settings.dataGap().dividedBy(3).toNanos();
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        if (m == 0) {
            return d.toSeconds() + " s";
        }
        return m >= 60
                ? (m / 60) + " h " + (m % 60) + " min"
                : m + " min" + (d.toSecondsPart() > 0 ? " " + d.toSecondsPart() + " s" : "");
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 79) + "…";
    }
}
