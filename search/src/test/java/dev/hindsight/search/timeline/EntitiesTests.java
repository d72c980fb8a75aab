package dev.hindsight.search.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Entities found in free text: the hand-written word scanner and the names, IPs and tickets a timeline links by. */
class EntitiesTests {

    /** The definition of a word the scanner implements, as a regular expression (the engine's former matcher). */
    private static final Pattern WORD = Pattern
            .compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]*[\\p{L}\\p{N}]|[\\p{L}\\p{N}]");

    @Test
    void theWordScannerFindsExactlyTheWordsOfItsDefinition() {
        List<String> texts = List.of("", "a", "web7.dc-west timing out", "...lead.and.trail...", "db_2--",
                "-x- _y_ .z.",
                "10.1.2.3:443/health", "über-host.münchen ok", "٣٤ Ⅻ ½ mixed scripts 数据中心 ok",
                "emoji 🚒 between web7 and 🔥db1",
                "a..b a--b a__b", "tab\tnew\nline", "trailing-");
        for (String text : texts) {
            List<String> expected = new ArrayList<>();
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                expected.add(m.group());
            }
            List<String> scanned = new ArrayList<>();
            Entities.forEachWord(text, scanned::add);
            assertThat(scanned).as(text).isEqualTo(expected);
        }
    }

    @Test
    void textNamesHostsSitesIpsAndTicketsThatStructuredFieldsTaught() {
        Entities.Names names = new Entities.Names();
        Event alert = event("Packet loss").host("edge1.dc-east.example.net").service("Login").build();
        Entities entities = new Entities(List.of(Entities.structured(alert, names)));

        Event chat = event("edge1.dc-east is dropping packets; opened Case #20140812 for 203.0.113.7, login slow")
                .build();
        assertThat(entities.of(chat, new TreeSet<>()))
                .containsExactlyInAnyOrder("host:edge1", "site:dc-east", "svc:login", "ticket:20140812",
                        "ip:203.0.113.7");
        Event quiet = event("Version 2.3 deployed, nothing to see in case studies").build();
        assertThat(entities.of(quiet, new TreeSet<>())).isEmpty();
    }

    @Test
    void hostFieldsAreTakenApartIntoHostSiteOrIp() {
        Entities.Names names = new Entities.Names();
        assertThat(Entities.structured(event("a").host("http://Web7.DC-West.example.net:9100/metrics").build(), names))
                .containsExactly("host:web7", "site:dc-west");
        assertThat(Entities.structured(event("b").host("https://10.0.0.5:8443/health").build(), names))
                .containsExactly("ip:10.0.0.5");
        assertThat(Entities.structured(event("c").host("lb1.example.com").build(), names)).containsExactly("host:lb1");
        assertThat(Entities.structured(event("d").host("10.0.0").label("instance", "1.2.3.4.5:80").build(), names))
                .containsExactly("host:1", "host:10"); // not addresses: host names like any other
    }

    @Test
    void theIpCheckLetsThroughEveryTextTheIpPatternMatches() {
        Pattern ip = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
        List<String> texts = List.of("10.0.0.5", "from 192.168.1.20:443", "v1.2.3 released", "cpu 93.5% on 10.0.0",
                "1.2.3.4.5",
                "a.b.c.d", "ip=8.8.8.8;", "12.34. 56.78", "");
        for (String text : texts) {
            if (ip.matcher(text).find()) {
                assertThat(Entities.mayHoldAnIp(text)).as(text).isTrue();
            }
        }
        assertThat(Entities.mayHoldAnIp("cpu 93.5% after v1.2.3")).isFalse(); // the point of the check: numbers are not addresses
    }

    @Test
    void oneEntityNamedByManyEventsIsOneString() {
        Entities.Names names = new Entities.Names();
        Set<String> first = Entities.structured(event("a").host("web7").build(), names);
        Set<String> second = Entities.structured(event("b").host("web7").build(), names);
        assertThat(first.iterator().next()).isEqualTo("host:web7").isSameAs(second.iterator().next());
    }

    private static Event.Builder event(String title) {
        return Event.builder("test", EventKind.CHAT_MESSAGE, Instant.parse("2014-08-12T08:00:00Z"), title)
                .dedupKey(title);
    }
}
