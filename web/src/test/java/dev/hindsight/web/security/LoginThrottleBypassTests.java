package dev.hindsight.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.web.support.TestDataDirectory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in throttling cannot be dodged, over real HTTP: not with blanks around the user name (sign-in drops them, so
 * does the count), not with an X-Forwarded-For header from a client that is no configured proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleBypassTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-throttle-");
    }

    @Test
    void blanksAroundTheNameCountAsTheSameUser() throws Exception {
        accounts.addUser("frank", Role.RESPONDER, "frank's long password");
        Browser b = new Browser();
        for (int i = 0; i < LoginThrottle.PER_USER; i++) {
            assertThat(b.signIn(" frank  ", "guess " + i, null)).isEqualTo(302);
        }
        assertThat(b.signIn("frank", "frank's long password", null)).isEqualTo(429);
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedClientDoesNotSpreadTheCountOverAddresses() throws Exception {
        Browser b = new Browser();
        int throttledAt = -1;
        for (int i = 0; i <= LoginThrottle.PER_ADDRESS + 1 && throttledAt < 0; i++) {
            int status = b.signIn("nobody" + i, "wrong password " + i, "198.51.100." + (i + 1));
            if (status == 429) {
                throttledAt = i;
            }
        }
        assertThat(throttledAt).as("the address is throttled although every attempt claimed another").isBetween(1,
                LoginThrottle.PER_ADDRESS);
    }

    /** A client with a session, as a browser signs in: the form's CSRF token, then the POST. */
    final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        int signIn(String user, String password, String forwardedFor) throws Exception {
            String page = http.send(HttpRequest.newBuilder(URI.create(url("/login"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
            assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
            String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(url("/login")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            if (forwardedFor != null) {
                post.header("X-Forwarded-For", forwardedFor);
            }
            return http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        private String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
