package dev.hindsight.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.web.support.TestDataDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The session cookie through the real server (Tomcat sets the Secure flag, not the application): behind a TLS proxy
 * it is Secure, HttpOnly and SameSite=Strict with HSTS; on plain local HTTP it is still HttpOnly and SameSite=Strict.
 */
// the test's client is the configured TLS proxy
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")
class SecureCookieTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void data(DynamicPropertyRegistry registry) throws Exception {
        TestDataDirectory.register(registry, "hindsight-cookie-");
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
        HttpResponse<Void> response = loginPage(true);
        String cookie = sessionCookie(response);
        assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Strict");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void onPlainLocalHttpTheCookieStillWorksAndIsHttpOnly() throws Exception {
        HttpResponse<Void> response = loginPage(false);
        String cookie = sessionCookie(response);
        assertThat(cookie).doesNotContain("Secure").contains("HttpOnly").contains("SameSite=Strict");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    private HttpResponse<Void> loginPage(boolean behindTlsProxy) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"));
        if (behindTlsProxy) {
            request.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.7");
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static String sessionCookie(HttpResponse<?> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    }
}
