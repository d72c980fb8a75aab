package dev.hindsight.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.hindsight.web.support.TestDataDirectory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on end to end: a real OpenID Connect provider (mock-oauth2-server, with its sign-in form) in this JVM,
 * the server on a real port, headless Chromium clicking through. The first sign-in creates the user with the role
 * their groups map to; a disabled user and one whose groups map to no role (no default role here) are turned away
 * with the reason; with local sign-in off the password form is gone; an ID token from another issuer or with a broken
 * signature does not pass the checks the sign-in applies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"hindsight.mode=serve",
        "server.address=127.0.0.1"})
class SingleSignOnTests {

    static final MockOAuth2Server PROVIDER = new MockOAuth2Server(new OAuth2Config(true));

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    Playwright playwright;
    Browser browser;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-sso-");
        PROVIDER.start(InetAddress.getLoopbackAddress(), 0);
        registry.add("hindsight.sso.issuer", () -> PROVIDER.issuerUrl("corp").toString());
        registry.add("hindsight.sso.client-id", () -> "hindsight");
        registry.add("hindsight.sso.client-secret", () -> "a client secret");
        registry.add("hindsight.sso.name", () -> "Corp ID");
        registry.add("hindsight.sso.roles.sre-leads", () -> "COMMANDER");
        registry.add("hindsight.sso.roles.hindsight-admins", () -> "ADMIN");
        registry.add("hindsight.sso.default-role", () -> "NONE");
        registry.add("hindsight.sso.local-login", () -> "false");
    }

    @BeforeAll
    void launch() {
        playwright = Playwright
                .create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run")));
    }

    @AfterAll
    void close() {
        browser.close();
        playwright.close();
        PROVIDER.shutdown();
    }

    @Test
    void theFirstSignInCreatesTheUserWithTheRoleTheirGroupsMapTo() {
        Page page = signIn("olga", "{\"preferred_username\": \"olga\", \"email\": \"olga@corp.example\","
                + " \"groups\": [\"everyone\", \"sre-leads\"]}");
        assertThat(page.url()).startsWith("http://127.0.0.1:" + port + "/").doesNotContain("login");
        assertThat(page.locator("body").innerText()).contains("olga");
        Accounts.User olga = accounts.findUser("olga").orElseThrow();
        assertThat(olga.role()).isEqualTo(Role.COMMANDER);
        assertThat(olga.email()).isEqualTo("olga@corp.example");
        assertThat(jdbc.queryForList("select detail from audit_log where actor = 'olga' and action = 'sign in'",
                String.class)).anySatisfy(d -> assertThat(d).contains("single sign-on as COMMANDER"));

        // a commander's page, reached in the same session
        page.navigate("http://127.0.0.1:" + port + "/account");
        assertThat(page.locator("body").innerText()).contains("olga", "COMMANDER");
        page.context().close();

        // the groups change at the provider: the role follows at the next sign-in
        signIn("olga", "{\"preferred_username\": \"olga\", \"groups\": [\"hindsight-admins\"]}").context().close();
        assertThat(accounts.findUser("olga").orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aDisabledUserAndOneWithoutAMappedGroupAreTurnedAwayWithTheReason() {
        accounts.addUser("dora", Role.RESPONDER, "dora's long password");
        accounts.setEnabled("dora", false);
        Page dora = signIn("dora", "{\"preferred_username\": \"dora\", \"groups\": [\"sre-leads\"]}");
        assertThat(dora.url()).contains("/login?sso-error");
        assertThat(dora.locator(".error").innerText()).contains("dora's Hindsight account is disabled");
        dora.context().close();

        Page stranger = signIn("sid", "{\"preferred_username\": \"sid\", \"groups\": [\"contractors\"]}");
        assertThat(stranger.locator(".error").innerText()).contains("none of sid's groups is given a role");
        stranger.context().close();
        assertThat(accounts.findUser("sid")).isEmpty();
    }

    @Test
    void withLocalSignInOffThereIsNoPasswordForm() {
        BrowserContext context = browser.newContext();
        Page page = context.newPage();
        page.navigate("http://127.0.0.1:" + port + "/login");
        assertThat(page.locator("input[name=password]").count()).isZero();
        assertThat(page.locator("#sso").innerText()).isEqualTo("Sign in with Corp ID");
        context.close();
    }

    @Test
    void anIdTokenFromAnotherIssuerOrWithABrokenSignatureIsRefused() throws Exception {
        ClientRegistration registration = new SsoRegistrations(new SsoProperties(
                PROVIDER.issuerUrl("corp").toString(), "default", "secret", "Corp ID", "preferred_username",
                "groups", Map.of(), "NONE", false, List.of("openid"))).findByRegistrationId(SsoRegistrations.ID);
        JwtDecoder decoder = new OidcIdTokenDecoderFactory().createDecoder(registration);
        // the provider's own tokens name its client "default"
        String good = PROVIDER.issueToken("corp", "olga", "default", Map.of(), 300).serialize();
        assertThat(decoder.decode(good).getSubject()).isEqualTo("olga");

        String elsewhere = PROVIDER.issueToken("elsewhere", "olga", "default", Map.of(), 300).serialize();
        assertThatThrownBy(() -> decoder.decode(elsewhere)).isInstanceOf(JwtException.class);
        String[] parts = good.split("\\.");
        char last = parts[2].charAt(10);
        String broken = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (last == 'A' ? 'B' : 'A')
                + parts[2].substring(11);
        assertThatThrownBy(() -> decoder.decode(broken)).isInstanceOf(JwtException.class)
                .hasMessageContaining("signature");
    }

    private Page signIn(String subject, String claims) {
        Page page = browser.newContext().newPage();
        page.setDefaultTimeout(15_000);
        page.navigate("http://127.0.0.1:" + port + "/");
        page.click("#sso");
        page.fill("input[name=username]", subject);
        page.fill("textarea[name=claims]", claims);
        page.click("input[type=submit]");
        page.waitForLoadState();
        return page;
    }
}
