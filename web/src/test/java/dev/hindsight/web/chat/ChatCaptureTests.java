package dev.hindsight.web.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.TestDataDirectory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests built as Slack and Mattermost send them (Slack's form fields and message-shortcut payload, signed with the
 * v0 scheme; Mattermost's form fields and command token): a channel declares its incident, notes and picked messages
 * reach its timeline with their authors and permalinks, once however often they are sent; a bad signature, an old
 * timestamp or a wrong token gets 401 and stores nothing; a restricted incident cannot be reached from chat.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ChatCaptureTests {

    /** The signing secret of Slack's own worked example (api.slack.com, "Verifying requests from Slack"). */
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String MATTERMOST_TOKEN = "xr3j5x3p4pfjpfjpfmm7s4y1hh";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IncidentCatalog incidents;

    @Autowired
    Accounts accounts;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-chat-");
        registry.add("hindsight.chat.slack-signing-secret", () -> SECRET);
        registry.add("hindsight.chat.mattermost-tokens", () -> MATTERMOST_TOKEN);
    }

    @Test
    void slacksWorkedExampleVerifiesAndAnyChangeToItDoesNot() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        Instant sent = Instant.ofEpochSecond(1531420618);
        assertThat(SlackSignature.problem(SECRET, "1531420618", signature, bytes, sent.plusSeconds(299))).isNull();
        assertThat(SlackSignature.problem(SECRET, "1531420618", signature, bytes, sent.plusSeconds(301)))
                .contains("five minutes");
        assertThat(SlackSignature.problem(SECRET, "1531420618", signature,
                body.replace("roadrunner", "coyote").getBytes(StandardCharsets.UTF_8), sent)).contains("signature");
        assertThat(SlackSignature.problem("another secret", "1531420618", signature, bytes, sent)).isNotNull();
    }

    @Test
    void aChannelDeclaresItsIncidentAndItsNotesAndPickedMessagesReachTheTimelineOnce() throws Exception {
        slackCommand("C1", "ops-checkout", "note the pool is exhausted", "trigger-0")
                .andExpect(status().isOk()).andExpect(jsonPath("$.response_type").value("ephemeral"))
                .andExpect(jsonPath("$.text").value(org.hamcrest.Matchers.containsString("not linked")));

        String declared = text(slackCommand("C1", "ops-checkout", "declare sev2 Checkout answers 502", "trigger-1"));
        assertThat(declared).startsWith("Declared INC-").contains("SEV2", "Checkout answers 502");
        String key = declared.substring("Declared ".length(), declared.indexOf(' ', "Declared ".length()));
        String admin = "Bearer " + accounts.createToken("chat-admin", Role.ADMIN);
        mvc.perform(get("/api/incidents/" + key).header("Authorization", admin)).andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Checkout answers 502"))
                .andExpect(jsonPath("$.severity").value("SEV2"));

        assertThat(text(slackCommand("C1", "ops-checkout", "note failover to the replica finished", "trigger-2")))
                .contains("Noted on " + key);
        // Slack retries a command it got no answer to in time: the same trigger is stored once
        slackCommand("C1", "ops-checkout", "note failover to the replica finished", "trigger-2");
        Map<String, Object> note = jdbc.queryForMap("select source, kind, actor, labels from event e"
                + " where title = 'failover to the replica finished'");
        assertThat(note).containsEntry("SOURCE", "manual").containsEntry("KIND", "NOTE")
                .containsEntry("ACTOR", "roadrunner");
        assertThat((String) note.get("LABELS")).contains("#ops-checkout");

        Instant written = Instant.now().minusSeconds(600);
        String ts = written.getEpochSecond() + ".000200";
        String payload = """
                {"type":"message_action","callback_id":"add_to_timeline","trigger_id":"13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536",
                 "response_url":"https://hooks.slack.com/app-actions/T0MJR11A4/21974584944/yk1S9ndf35Q1flupVG5JbpM6",
                 "team":{"id":"T0MJRM1A7","domain":"pandamonium"},
                 "channel":{"id":"C1","name":"ops-checkout"},
                 "user":{"id":"U0D15K92L","name":"dr_maomao"},
                 "message":{"type":"message","user":"U0MJRG1AL","ts":"TS",
                   "text":"customers report 502 on /pay since 10:41\\nscreenshot in thread",
                   "user_profile":{"display_name":"Wile E.","real_name":"Wile E. Coyote","name":"coyote"}}}
                """
                .replace("TS", ts);
        for (int i = 0; i < 2; i++) {
            assertThat(text(slackAction(payload))).contains("Added Wile E.'s message to " + key);
        }
        assertThat(jdbc.queryForList("select id from event where title = 'customers report 502 on /pay since 10:41'"))
                .hasSize(1);
        Map<String, Object> picked = jdbc.queryForMap("select kind, actor, links, body, occurred_at from event"
                + " where title = 'customers report 502 on /pay since 10:41'");
        assertThat(picked).containsEntry("KIND", "CHAT_MESSAGE").containsEntry("ACTOR", "Wile E.");
        assertThat((String) picked.get("LINKS"))
                .contains("https://pandamonium.slack.com/archives/C1/p" + ts.replace(".", ""));
        assertThat((String) picked.get("BODY")).contains("screenshot in thread");
        assertThat(((java.time.OffsetDateTime) picked.get("OCCURRED_AT")).toInstant())
                .isEqualTo(Instant.ofEpochSecond(written.getEpochSecond(), 200_000));

        String timeline = mvc.perform(get("/api/incidents/" + key + "/timeline").header("Authorization", admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(timeline).contains("failover to the replica finished", "customers report 502 on /pay since 10:41");
    }

    @Test
    void aForgedOrReplayedRequestIsRefusedAndStoresNothing() throws Exception {
        long events = count();
        String body = form(Map.of("channel_id", "C9", "channel_name", "x", "user_name", "mallory", "text",
                "declare sev1 fake incident", "trigger_id", "t-forged"));
        long now = Instant.now().getEpochSecond();
        mvc.perform(post("/chat/slack/commands").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body)
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", SlackSignature.sign("not the secret", Long.toString(now),
                        body.getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("the request's signature does not match"));
        String old = Long.toString(now - 600);
        mvc.perform(post("/chat/slack/commands").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body)
                .header("X-Slack-Request-Timestamp", old)
                .header("X-Slack-Signature", SlackSignature.sign(SECRET, old, body.getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("five minutes")));
        mvc.perform(post("/chat/slack/commands").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/chat/mattermost/commands").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(body + "&token=guessed")).andExpect(status().isUnauthorized());
        assertThat(count()).isEqualTo(events);
        assertThat(jdbc.queryForObject("select count(*) from incident where title = 'fake incident'", Long.class))
                .isZero();
    }

    @Test
    void mattermostsCommandWorksWithItsTokenAndARestrictedIncidentIsOutOfReach() throws Exception {
        Instant t0 = Instant.now().minusSeconds(3600);
        incidents.create(new NewIncident("HR-7", "insider case", t0, t0.plusSeconds(7200), Severity.SEV1, null,
                "carol", true, Set.of("carol")), Viewer.LOCAL_ADMIN);
        assertThat(text(mattermost("m-town", "link HR-7"))).isEqualTo("There is no incident HR-7 that chat may reach.");
        assertThat(text(mattermost("m-town", "note badge used"))).contains("not linked");
        assertThat(jdbc.queryForObject("select count(*) from chat_channel where channel_id = 'm-town'", Long.class))
                .isZero();

        incidents.create(new NewIncident("INC-2041", "queue backlog", t0, t0.plusSeconds(7200), Severity.SEV3, null,
                null, false, Set.of()), Viewer.LOCAL_ADMIN);
        assertThat(text(mattermost("m-town", "link INC-2041"))).contains("linked to INC-2041");
        assertThat(text(mattermost("m-town", "note consumers scaled to 12"))).contains("Noted on INC-2041");
        assertThat(jdbc.queryForObject("select actor from event where title = 'consumers scaled to 12'",
                String.class)).isEqualTo("sam");
        assertThat(text(mattermost("m-town", "status"))).contains("INC-2041", "queue backlog");
        assertThat(text(mattermost("m-town", "what"))).startsWith("/hindsight note TEXT");
    }

    private ResultActions slackCommand(String channel, String channelName, String text, String trigger)
            throws Exception {
        return signed("/chat/slack/commands", form(Map.of("token", "gIkuvaNzQIHg97ATvDxqgjtO", "team_id", "T0001",
                "team_domain", "example", "channel_id", channel, "channel_name", channelName, "user_id", "U2147483697",
                "user_name", "roadrunner", "command", "/hindsight", "text", text, "trigger_id", trigger)));
    }

    private ResultActions slackAction(String payload) throws Exception {
        return signed("/chat/slack/actions", form(Map.of("payload", payload)));
    }

    private ResultActions signed(String path, String body) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).content(body)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackSignature.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8))));
    }

    private ResultActions mattermost(String channel, String text) throws Exception {
        return mvc.perform(post("/chat/mattermost/commands").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(form(Map.of("channel_id", channel, "channel_name", "town-square", "command", "/hindsight",
                        "team_domain", "ops", "team_id", "rdc9bgriktyx9p4kowh3dmgqyc", "text", text, "token",
                        MATTERMOST_TOKEN, "trigger_id", "t-" + text.hashCode(), "user_id", "rnina9994bde8mua79zqcg5hmo",
                        "user_name", "sam"))));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String text(ResultActions result) throws Exception {
        return JsonMapper.builder().build().readTree(result.andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).path("text").asString();
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from event", Long.class);
    }
}
