package dev.hindsight.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Deliveries per sender per minute on the webhooks ({@code hindsight.hooks.max-per-minute}, default 1,200): a sender
 * over it gets 429 with Retry-After, which Alertmanager, Grafana and PagerDuty all retry later, so nothing is lost and
 * one runaway sender cannot starve ingest for the others. The sender is the token, or the address when unsigned.
 */
@Component
public class WebhookRateLimit {

    private record Window(long minute, int count) {}

    private final int maxPerMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    WebhookRateLimit(WebhookLimit limit, Clock clock) {
        this.maxPerMinute = limit.perMinute();
        this.clock = clock;
    }

    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long now = clock.millis();
                long minute = now / 60_000;
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                String sender = auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())
                        ? auth.getName()
                        : "address:" + request.getRemoteAddr();
                Window w = windows.compute(sender, (k, old) -> old == null || old.minute() != minute
                        ? new Window(minute, 1)
                        : new Window(minute, old.count() + 1));
                if (windows.size() > 10_000) {
                    windows.entrySet().removeIf(e -> e.getValue().minute() != minute);
                }
                if (w.count() > maxPerMinute) {
                    long retry = Math.max(1, 60 - (now / 1000) % 60);
                    response.setHeader("Retry-After", Long.toString(retry));
                    FilterProblems.write(response, 429, "Too many deliveries",
                            "more than " + maxPerMinute + " deliveries this minute from this sender; retry in " + retry
                                    + " s");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
