package dev.hindsight.web.ingest;

import dev.hindsight.core.incident.Viewer;

import dev.hindsight.web.support.TestDataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.handler;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.store.EventSearch;
import dev.hindsight.core.store.SearchQuery;
import dev.hindsight.search.internal.index.LuceneIndex;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Webhooks as senders use them: authentication, 2xx only after commit, duplicates on re-delivery, bad bodies kept. */
@SpringBootTest
@AutoConfigureMockMvc
class HooksTests {

    static final String PD_SECRET = "whsec-test-rotation-2";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventSearch search;

    @Autowired
    LuceneIndex index;

    String responder;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-hooks-");
        registry.add("hindsight.ingest.pagerduty.webhook-secrets", () -> "whsec-old," + PD_SECRET);
    }

    @BeforeEach
    void token() {
        responder = accounts.createToken("alertmanager", Role.RESPONDER);
    }

    private static String alertmanager(String fingerprint) {
        return String.format(Locale.ROOT,
                """
                        {"version":"4","groupKey":"{}:{alertname=\\"PacketLoss\\"}","status":"firing","receiver":"hindsight","truncatedAlerts":0,
                         "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
                         "alerts":[{"status":"firing","labels":{"alertname":"PacketLoss","instance":"edge1"},"annotations":{"summary":"packet loss on edge1"},
                           "startsAt":"2014-08-12T07:50:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom:9090/graph","fingerprint":"%s"},
                          {"status":"firing","labels":{"alertname":"Latency","instance":"edge1"},"annotations":{},
                           "startsAt":"2014-08-12T07:51:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s-2"}]}
                        """,
                fingerprint, fingerprint);
    }

    @Test
    void aNotificationIsStoredOnceEvenWhenDeliveredAgain() throws Exception {
        String body = alertmanager("f-redelivery");
        mvc.perform(post("/hooks/alertmanager").header("Authorization", "Bearer " + responder)
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.accepted").value(2))
                // served by the hook's own exact-path route, not the pattern every mapping is tried against
                .andExpect(handler().methodName("receiveDeclared"));
        mvc.perform(post("/hooks/alertmanager").header("Authorization", "Bearer " + responder)
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(0))
                .andExpect(jsonPath("$.duplicates").value(2));
        index.refresh();
        assertThat(search.search(new SearchQuery("edge1", null, null, Map.of("source", Set.of("alertmanager")), 10, 0,
                SearchQuery.Sort.TIME), Viewer.LOCAL_ADMIN).total()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aHookNoSourceFamilyDeclaresIsNotFoundAndTheAnswerNamesTheHooksThereAre() throws Exception {
        mvc.perform(post("/hooks/nagios").header("Authorization", "Bearer " + responder)
                .contentType(MediaType.APPLICATION_JSON).content(alertmanager("f-nowhere")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("alertmanager")));
    }

    @Test
    void basicAuthWithTheTokenAsPasswordWorksForSendersWithoutBearerSupport() throws Exception {
        String basic = Base64.getEncoder().encodeToString(("grafana:" + responder).getBytes(StandardCharsets.UTF_8));
        mvc.perform(post("/hooks/alertmanager").header("Authorization", "Basic " + basic)
                .contentType(MediaType.APPLICATION_JSON).content(alertmanager("f-basic")))
                .andExpect(status().isOk());
        String wrong = Base64.getEncoder().encodeToString("grafana:hs_wrong".getBytes(StandardCharsets.UTF_8));
        mvc.perform(post("/hooks/alertmanager").header("Authorization", "Basic " + wrong)
                .contentType(MediaType.APPLICATION_JSON).content(alertmanager("f-basic")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void unauthenticatedOrReadOnlySendersAreRefused() throws Exception {
        mvc.perform(post("/hooks/generic").contentType(MediaType.APPLICATION_JSON)
                .content("{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"x\"}"))
                .andExpect(status().isUnauthorized());
        String viewer = accounts.createToken("dashboard", Role.VIEWER);
        mvc.perform(post("/hooks/generic").header("Authorization", "Bearer " + viewer)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"x\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aMalformedBodyIsA400AndIsKeptAsADeadLetter() throws Exception {
        Long before = jdbc.queryForObject("select count(*) from dead_letter where format = 'alertmanager'", Long.class);
        mvc.perform(post("/hooks/alertmanager").header("Authorization", "Bearer " + responder)
                .contentType(MediaType.APPLICATION_JSON).content("<html>502 Bad Gateway</html>"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("not valid JSON")));
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where format = 'alertmanager'", Long.class))
                .isEqualTo(before + 1);
    }

    @Test
    void pagerDutyIsAcceptedByItsSignatureAndRefusedWithoutIt() throws Exception {
        String body = """
                {"event":{"id":"01BZYIL05THJDFF2Y08X9SVMTU","event_type":"incident.acknowledged","resource_type":"incident",
                 "occurred_at":"2014-08-12T07:57:41.000Z","agent":{"id":"PU1","type":"user_reference","summary":"Maria Chen"},
                 "data":{"id":"PINC9","type":"incident","number":9,"status":"acknowledged","title":"dc-east unreachable",
                   "service":{"id":"PS1","type":"service_reference","summary":"Core Network"},"urgency":"high"}}}
                """;
        String signature = "v1="
                + HexFormat.of().formatHex(hmac(PD_SECRET, body.getBytes(StandardCharsets.UTF_8)));
        mvc.perform(post("/hooks/pagerduty").header("X-PagerDuty-Signature", "v1=deadbeef, " + signature)
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1));
        mvc.perform(post("/hooks/pagerduty").header("X-PagerDuty-Signature", "v1=deadbeef")
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/hooks/pagerduty").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        String tampered = body.replace("Maria Chen", "Mallory");
        mvc.perform(post("/hooks/pagerduty").header("X-PagerDuty-Signature", signature)
                .contentType(MediaType.APPLICATION_JSON).content(tampered))
                .andExpect(status().isUnauthorized());
        // each refusal is audited with the sender and a short hash, never the body
        var refusals = jdbc.queryForList(
                "select detail from audit_log where action = 'webhook signature' and outcome = 'failure'",
                String.class);
        assertThat(refusals).hasSize(3)
                .allSatisfy(d -> assertThat(d).startsWith("from ").contains("body sha-256 ").doesNotContain("Mallory"));
    }

    @Test
    void providerStatusPagesAreMarkedAsTheProvidersWords() throws Exception {
        String body = """
                {"meta":{"unsubscribe":"https://status.dc-provider.example/unsub","documentation":"https://help.statuspage.io","generated_at":"2014-08-12T18:15:00Z"},
                 "page":{"id":"dcp","status_indicator":"minor","status_description":"Partial outage"},
                 "incident":{"id":"dcp-1","name":"Core network maintenance","status":"monitoring","impact":"major",
                   "incident_updates":[{"id":"dcp-upd-1","status":"monitoring","body":"Core routers reloaded","created_at":"2014-08-12T18:15:00Z","display_at":"2014-08-12T18:15:00Z"}]}}
                """;
        mvc.perform(post("/hooks/statuspage").param("provider", "dc-provider")
                .header("Authorization", "Bearer " + responder)
                .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1));
        assertThat(jdbc.queryForObject("select provider from event where dedup_key = 'dcp-upd-1'", Boolean.class))
                .isTrue();
    }

    @Test
    void theGenericHookTakesOneRecordOrAnArrayAndRejectsBadRecordsOneByOne() throws Exception {
        mvc.perform(post("/hooks/generic").header("Authorization", "Bearer " + responder)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                        "[{\"at\":\"2014-08-12T08:00:00Z\",\"title\":\"deploy 4512 started\",\"kind\":\"CHANGE\"},{\"title\":\"no time\"}]"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.rejections[0].reason").value("records[1]: field 'at' is required"));
    }

    /** PagerDuty's signature: HMAC-SHA256 of the body with the subscription's secret. */
    static byte[] hmac(String secret, byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body);
    }
}
