package dev.hindsight.search.timeline;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.text.Texts;
import dev.hindsight.core.timeline.Timeline.Storyline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Step 3: entries grouped into storylines. Structured evidence (alerts, pages, changes, logs, provider notices) is
 * linked by the strong entities it shares (union-find over entities); chat, notes and reports then join the storyline
 * they share most with, else the storyline of their service, else the one whose evidence uses the same words. Chat is
 * placed after the evidence, so it never bridges two storylines.
 */
final class Storylines {

    static final String CHAT = "chat";
    static final String COMMS = "comms";

    private Storylines() {}

    /** Clusters the groups into storylines; leaves each group's storyline id on it. */
    static List<Storyline> build(List<EntryGroup> groups) {
        // what each group links by, its strong entities and its words depend on the group alone: every core works them out
        groups.parallelStream().forEach(g -> {
            if (g.isEvidence()) {
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
        List<EntryGroup> structured = groups.stream().filter(EntryGroup::isEvidence).toList();
        Set<List<String>> linked = new HashSet<>(); // repeats of an alert link the same entities: each list is joined once
        for (EntryGroup g : structured) {
            if (g.links.size() > 1 && linked.add(g.links)) {
                for (int i = 1; i < g.links.size(); i++) {
                    union(parent, g.links.get(0), g.links.get(i));
                }
            }
        }
        Map<String, List<EntryGroup>> clusters = new TreeMap<>();
        for (EntryGroup g : structured) {
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
                List<EntryGroup> moved = clusters.remove(key);
                clusters.get(owners.get(0)).addAll(moved);
                moved.forEach(g -> g.root = owners.get(0));
            }
        }
        // chat, notes, reports and entity-less evidence join the cluster they share most strong entities with, else the
        // storyline of their service, else the one whose evidence uses the same distinctive words
        List<EntryGroup> unplaced = groups.stream().filter(g -> g.root == null).toList();
        Map<EntryGroup, String> targets = new HashMap<>();
        List<EntryGroup> byWords = new ArrayList<>();
        if (!unplaced.isEmpty()) {
            Map<String, Set<String>> clustersByEntity = clustersByEntity(clusters, unplaced);
            ServiceTargets byService = new ServiceTargets(groups, unplaced);
            for (EntryGroup g : unplaced) {
                Optional<String> target = g.isOwnStatus()
                        ? Optional.of(COMMS)
                        : bestCluster(g.strong, clustersByEntity).or(() -> byService.of(g));
                target.ifPresentOrElse(t -> targets.put(g, t), () -> byWords.add(g));
            }
        }
        if (!byWords.isEmpty()) {
            SortedMap<String, Set<String>> clusterWords = clusterWords(clusters, byWords);
            for (EntryGroup g : byWords) {
                targets.put(g, Words.closest(g.words, clusterWords)
                        .orElse(g.kind() == EventKind.CHAT_MESSAGE ? CHAT : "other"));
            }
        }
        Map<String, List<EntryGroup>> extras = new TreeMap<>();
        unplaced.forEach(g -> extras.computeIfAbsent(targets.get(g), t -> new ArrayList<>()).add(g));
        extras.forEach((target, members) -> clusters.computeIfAbsent(target, t -> new ArrayList<>()).addAll(members));

        // ids in order of first appearance, titles from their entities
        List<Map.Entry<String, List<EntryGroup>>> ordered = clusters.entrySet().stream()
                .peek(c -> c.getValue()
                        .sort(Comparator.comparing((EntryGroup g) -> g.first.event().occurredAt())
                                .thenComparing(g -> g.first.id())))
                .sorted(Comparator
                        .comparing((Map.Entry<String, List<EntryGroup>> c) -> c.getValue().get(0).first.event()
                                .occurredAt())
                        .thenComparing(Map.Entry::getKey))
                .toList();
        for (int n = 0; n < ordered.size(); n++) {
            String id = "s" + (n + 1);
            ordered.get(n).getValue().forEach(g -> g.storyline = id);
        }
        // each storyline's title and reason read only its own members: they are worked out side by side
        return IntStream.range(0, ordered.size()).parallel().mapToObj(n -> {
            Map.Entry<String, List<EntryGroup>> cluster = ordered.get(n);
            List<EntryGroup> members = cluster.getValue();
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
    private static Map<String, Set<String>> clustersByEntity(Map<String, List<EntryGroup>> clusters,
            List<EntryGroup> unplaced) {
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
    private static SortedMap<String, Set<String>> clusterWords(Map<String, List<EntryGroup>> clusters,
            List<EntryGroup> toPlace) {
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

    /**
     * What ties this evidence to others: its own host, site and IP fields (text naming other places must not bridge
     * two storylines), its tickets, paging incidents, alerts and threads; text topology only when it has no fields.
     */
    private static List<String> linkingEntities(EntryGroup g) {
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
    private static @Nullable String serviceKey(EntryGroup g) {
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
        ServiceTargets(List<EntryGroup> groups, List<EntryGroup> toPlace) {
            toPlace.forEach(g -> services(g).forEach(service -> byService.put(service, new TreeMap<>())));
            if (byService.isEmpty()) {
                return;
            }
            for (EntryGroup other : groups) {
                if (other.isEvidence()) {
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
        Optional<String> of(EntryGroup g) {
            boolean offersItself = g.isEvidence() && g.root == null;
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

        private static Set<String> services(EntryGroup g) {
            return Entities.services(g.entities);
        }
    }

    private static String title(String key, List<EntryGroup> members) {
        if (key.equals(COMMS)) {
            return "Status page updates";
        }
        if (key.equals(CHAT)) {
            return "Team chat";
        }
        if (key.startsWith("svc-svc:")) {
            return "Service " + key.substring("svc-svc:".length());
        }
        List<EntryGroup> evidence = members.stream().filter(g -> !TimelineAssembler.HUMAN.contains(g.kind())).toList();
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
        return Texts.clip(members.get(0).first.event().title(), 80);
    }

    private static String reason(String key, List<EntryGroup> members) {
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
    private static Map<String, Long> countEntities(List<EntryGroup> groups, java.util.function.Predicate<String> test) {
        Map<String, long[]> counters = new HashMap<>(); // one counter per entity, not a boxed number per increment
        for (EntryGroup g : groups) {
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
}
