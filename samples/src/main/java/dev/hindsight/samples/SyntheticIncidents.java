package dev.hindsight.samples;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seeded generator of realistic incident evidence with known ground truth, for quality tests and benchmarks.
 *
 * <p>Background: hosts spread over sites, log lines, unrelated alerts, routine chatter. Planted incidents: a network
 * failure at one site (alerts, pages, acknowledgements, chat naming the hosts, a provider notice that states a later
 * start than the truth), a capacity problem at another site (alerts, changes), a bug in a service that users report
 * and a change fixes (no alert ever), own status updates, and a chat bot that echoes alerts with its clock skewed.
 * Every planted event's true storyline is recorded, and so are the true moments.
 */
public final class SyntheticIncidents {

    static final String[] SITES = {"ams1", "fra2", "iad3", "sfo4", "sin5", "syd6"};
    static final String[] PEOPLE = {"ana", "ben", "chen", "dev", "eli", "fay", "gus", "hana"};
    static final String[] SERVICES = {"billing", "search", "auth", "media", "reports", "mailer", "export", "profile"};
    static final String[] NOISE_LOGS = {"cron job finished", "cache warmed", "backup completed", "certificate renewed",
            "config reloaded", "rotated logs", "gc pause 120ms", "worker restarted"};
    static final String[] CHATTER = {"anyone up for lunch", "docs PR is ready for review", "retro moved to thursday",
            "new laptop finally arrived", "standup in 5", "who owns the wiki page", "coffee machine is fixed"};

    private SyntheticIncidents() {}

    /**
     * What to generate.
     *
     * @param background events of routine noise
     * @param incidents planted incidents, spread evenly over the span
     * @param skew how far the chat bot's clock runs ahead
     */
    public record Config(long seed, int background, int incidents, Instant start, Duration span, Duration skew) {
        public static Config of(long seed, int background, int incidents) {
            return new Config(seed, background, incidents, Instant.parse("2026-01-05T00:00:00Z"), Duration.ofDays(30),
                    Duration.ofSeconds(150));
        }
    }

    /** The truth about one planted incident. */
    public record Planted(String key, Instant from, Instant to, Map<String, String> storylineOf,
            Map<String, Instant> moments,
            List<String> attachedIds, String skewedSource, long skewSeconds) {}

    /** Streams every event (in no particular order) and returns the truth of the planted incidents. */
    public static List<Planted> generate(Config config, Consumer<Event> out) {
        Random random = new Random(config.seed());
        long spanSeconds = config.span().toSeconds();
        for (int i = 0; i < config.background(); i++) {
            out.accept(noise(random, config.start().plusSeconds((long) (random.nextDouble() * spanSeconds)), i));
        }
        List<Planted> planted = new ArrayList<>();
        for (int n = 0; n < config.incidents(); n++) {
            Instant t0 = config.start().plus(config.span().multipliedBy(n + 1).dividedBy(config.incidents() + 1))
                    .plusSeconds(random.nextInt(3600));
            planted.add(plant(random, n, t0, config.skew(), out));
        }
        return planted;
    }

    /** Everything in memory, for tests. */
    public static Generated generate(Config config) {
        List<Event> events = new ArrayList<>();
        List<Planted> planted = generate(config, events::add);
        return new Generated(events, planted);
    }

    public record Generated(List<Event> events, List<Planted> incidents) {}

    private static Event noise(Random r, Instant at, int i) {
        String site = SITES[r.nextInt(SITES.length)];
        String host = "app" + r.nextInt(400) + "." + site;
        int kind = r.nextInt(100);
        if (kind < 70) {
            return Event
                    .builder("syslog", EventKind.LOG_LINE, at, NOISE_LOGS[r.nextInt(NOISE_LOGS.length)] + " on " + host)
                    .host(host).service(SERVICES[r.nextInt(SERVICES.length)]).dedupKey("bg-" + i).build();
        }
        if (kind < 85) {
            return Event
                    .builder("alertmanager", r.nextBoolean() ? EventKind.ALERT_FIRING : EventKind.ALERT_RESOLVED, at,
                            "DiskUsageHigh on " + host)
                    .host(host).location(site).label("alertname", "DiskUsageHigh")
                    .label("fingerprint", "bgfp" + i).dedupKey("bg-" + i).build();
        }
        return Event.builder("slack", EventKind.CHAT_MESSAGE, at, CHATTER[r.nextInt(CHATTER.length)])
                .actor(PEOPLE[r.nextInt(PEOPLE.length)]).label("channel", "#random").dedupKey("bg-" + i).build();
    }

    private static Planted plant(Random r, int n, Instant t0, Duration skew, Consumer<Event> sink) {
        String key = "SYN-" + (n + 1);
        String netSite = SITES[n % SITES.length];
        String capSite = SITES[(n + 2) % SITES.length];
        String service = SERVICES[(n + 3) % SERVICES.length];
        String edge = "edge" + (10 + n) + "." + netSite;
        String lb = "lb" + (10 + n) + "." + netSite;
        String[] webs = {"web" + (50 + n) + "." + capSite, "web" + (60 + n) + "." + capSite,
                "web" + (70 + n) + "." + capSite};
        Map<String, String> truth = new HashMap<>();
        Map<String, Instant> moments = new HashMap<>();
        List<String> attached = new ArrayList<>();
        Emitter out = (storyline, attach, event) -> {
            sink.accept(event);
            truth.put(event.id(), storyline);
            if (attach) {
                attached.add(event.id());
            }
        };
        String net = "network " + netSite;
        String cap = "capacity " + capSite;
        String bug = "bug " + service;
        String comms = "comms";
        String chat = "chat";
        String p = key.toLowerCase(Locale.ROOT) + "-";

        // network failure at netSite
        Instant jitter = t0.plusSeconds(r.nextInt(20));
        out.emit(net, false, alert(p + "a1", jitter, EventKind.ALERT_FIRING, "UpstreamPacketLoss", edge, netSite));
        out.emit(net, false,
                alert(p + "a2", jitter.plusSeconds(40), EventKind.ALERT_FIRING, "HttpsTimeout", lb, netSite));
        moments.put("IMPACT_START", jitter);
        moments.put("DETECTED", jitter);
        Event trigger = Event
                .builder("pagerduty", EventKind.PAGE_TRIGGERED, jitter.plusSeconds(45),
                        "[#" + (900 + n) + "] HttpsTimeout on " + lb)
                .label("incident_id", "PD" + n).dedupKey(p + "p1").build();
        out.emit(net, true, trigger);
        Instant ack = jitter.plusSeconds(180 + r.nextInt(60));
        out.emit(net, true, Event
                .builder("pagerduty", EventKind.PAGE_ACKNOWLEDGED, ack, "Acknowledged by " + PEOPLE[n % PEOPLE.length])
                .label("incident_id", "PD" + n).dedupKey(p + "p2").build());
        moments.put("ACKNOWLEDGED", ack);
        out.emit(net, true, chat(p + "c1", jitter.plusSeconds(240), PEOPLE[n % 8],
                shortName(edge) + " shows heavy packet loss, " + shortName(lb) + " timing out"));
        out.emit(chat, true, chat(p + "c2", jitter.plusSeconds(260), PEOPLE[(n + 1) % 8], "on it"));
        out.emit(net, true, Event.builder("provider-mail", EventKind.PROVIDER_NOTICE, jitter.plusSeconds(1500),
                "Network degradation at " + netSite).provider(true).location(netSite)
                .label("stated.impactStart", jitter.plusSeconds(1200).toString()).label("provider", "upstream-isp")
                .dedupKey(p + "n1").build());
        for (int i = 0; i < 4; i++) { // the bot echoes alerts with its clock ahead
            Instant fired = jitter.plusSeconds(600 + i * 300L);
            String title = "Upstream packet loss " + (40 + i * 10) + " percent on " + shortName(edge) + " " + netSite;
            out.emit(net, false,
                    Event.builder("alertmanager", EventKind.ALERT_FIRING, fired, title).host(edge).location(netSite)
                            .label("alertname", "UpstreamPacketLoss").label("fingerprint", p + "r" + i)
                            .dedupKey(p + "r" + i).build());
            out.emit(net, false, Event.builder("slack", EventKind.CHAT_MESSAGE, fired.plus(skew).plusSeconds(2), title)
                    .actor("alertbot").label("channel", "#alerts").dedupKey(p + "bot" + i).build());
        }
        Instant netFixed = jitter.plusSeconds(4 * 3600);
        out.emit(net, false, alert(p + "a3", netFixed, EventKind.ALERT_RESOLVED, "UpstreamPacketLoss", edge, netSite));
        out.emit(net, false,
                alert(p + "a4", netFixed.plusSeconds(30), EventKind.ALERT_RESOLVED, "HttpsTimeout", lb, netSite));

        // capacity at capSite
        Instant capStart = jitter.plusSeconds(2 * 3600);
        out.emit(
                cap, false, Event
                        .builder("changes", EventKind.CHANGE, capStart.minusSeconds(600),
                                "Added " + shortName(webs[0]) + ", "
                                        + shortName(webs[1]) + ", " + shortName(webs[2]) + " to the pool")
                        .host(webs[0]).location(capSite).dedupKey(p + "ch1").build());
        for (int i = 0; i < webs.length; i++) {
            out.emit(cap, false, alert(p + "w" + i, capStart.plusSeconds(i * 20L), EventKind.ALERT_FIRING,
                    "NetworkSaturated", webs[i], capSite));
            out.emit(cap, false, alert(p + "wr" + i, capStart.plusSeconds(5400 + i * 20L), EventKind.ALERT_RESOLVED,
                    "NetworkSaturated", webs[i], capSite));
        }
        out.emit(cap, true, chat(p + "c3", capStart.plusSeconds(300), PEOPLE[(n + 2) % 8],
                shortName(webs[1]) + " is saturated, checking the new boxes"));

        // a bug users report and a change fixes, no alert
        Instant bugStart = jitter.plusSeconds(150 * 60);
        for (int i = 0; i < 3; i++) {
            out.emit(bug, false,
                    Event.builder("support", EventKind.NOTE, bugStart.plusSeconds(i * 120L),
                            "Users logged out of " + service + " (ticket " + (i + 1) + ")")
                            .service(service).actor("user" + i).dedupKey(p + "t" + i).build());
        }
        out.emit(bug, true,
                Event.builder("changes", EventKind.CHANGE, jitter.plusSeconds(5 * 3600),
                        "Deployed fix for " + service + " session loss")
                        .service(service).dedupKey(p + "ch2").build());

        // confusers: an unrelated box firing an alert of the same name, and chat that names two storylines at once
        String other = "app" + (300 + n) + "." + SITES[(n + 4) % SITES.length];
        out.emit("noise", false,
                alert(p + "x1", jitter.plusSeconds(3 * 3600), EventKind.ALERT_FIRING, "HttpsTimeout", other,
                        SITES[(n + 4) % SITES.length]));
        out.emit(net, true, chat(p + "c4", capStart.plusSeconds(900), PEOPLE[(n + 3) % 8], "is " + shortName(edge)
                + " related to " + shortName(webs[2]) + "? " + shortName(edge) + " still dropping packets, "
                + shortName(lb) + " too"));

        // own status page
        Instant firstComms = jitter.plusSeconds(2400);
        Instant monitoring = jitter.plusSeconds(4 * 3600 + 900);
        Instant resolved = jitter.plusSeconds(5 * 3600 + 1800);
        out.emit(comms, true, status(p + "s1", firstComms, "investigating"));
        out.emit(comms, true, status(p + "s2", monitoring, "monitoring"));
        out.emit(comms, true, status(p + "s3", resolved, "resolved"));
        moments.put("FIRST_COMMS", firstComms);
        moments.put("MITIGATED", monitoring);
        moments.put("RESOLVED", resolved);

        return new Planted(key, jitter.minusSeconds(600), resolved.plusSeconds(600), truth, moments, attached, "slack",
                skew.toSeconds() + 2);
    }

    @FunctionalInterface
    private interface Emitter {
        void emit(String storyline, boolean attach, Event event);
    }

    private static Event alert(String key, Instant at, EventKind kind, String alertname, String host, String site) {
        return Event
                .builder("alertmanager", kind, at,
                        (kind == EventKind.ALERT_RESOLVED ? "Resolved: " : "") + alertname + " on " + host)
                .host(host).location(site).label("alertname", alertname).label("fingerprint", alertname + "@" + host)
                .dedupKey(key).build();
    }

    private static Event chat(String key, Instant at, String who, String text) {
        return Event.builder("slack", EventKind.CHAT_MESSAGE, at, text).actor(who).label("channel", "#incident")
                .dedupKey(key).build();
    }

    private static Event status(String key, Instant at, String state) {
        return Event.builder("statuspage", EventKind.STATUS_UPDATE, at, "Degraded service — " + state)
                .label("status", state).dedupKey(key).build();
    }

    private static String shortName(String host) {
        return host.substring(0, host.indexOf('.'));
    }
}
