package dev.hindsight.web.security;

import dev.hindsight.web.support.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: after {@link #PER_USER} failed sign-ins for one user name, or {@link #PER_ADDRESS} from
 * one address, within {@link #WINDOW}, further sign-in attempts for it are refused with 429 until the window has
 * passed. A successful sign-in clears the user's count. Memory is bounded: the oldest keys are forgotten first.
 */
@Component
public class LoginThrottle {

    static final int PER_USER = 5;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final AuditLog audit;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    LoginThrottle(Clock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        note(userKey(String.valueOf(event.getAuthentication().getName())));
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            note("addr:" + details.getRemoteAddress());
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        synchronized (failures) {
            failures.remove(userKey(event.getAuthentication().getName()));
        }
    }

    /** The same name sign-in looks up (blanks around it dropped), in one case: " Alice" is alice's count too. */
    private static String userKey(String username) {
        return "user:" + Accounts.normalise(username).toLowerCase(Locale.ROOT);
    }

    private void note(String key) {
        synchronized (failures) {
            failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(clock.instant());
        }
    }

    /** How long this user name or address must wait, or zero. */
    Duration remaining(String username, String address) {
        return max(remaining(userKey(username), PER_USER),
                remaining("addr:" + address, PER_ADDRESS));
    }

    private Duration remaining(String key, int allowed) {
        synchronized (failures) {
            Deque<Instant> times = failures.get(key);
            if (times == null) {
                return Duration.ZERO;
            }
            Instant cutoff = clock.instant().minus(WINDOW);
            while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
                times.removeFirst();
            }
            if (times.size() < allowed) {
                return Duration.ZERO;
            }
            return Duration.between(clock.instant(), times.peekFirst().plus(WINDOW));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Refuses a sign-in attempt (POST /login) while its user name or address is throttled. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !("POST".equals(request.getMethod())
                        && (request.getContextPath() + "/login").equals(request.getRequestURI()));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String username = request.getParameter("username") == null ? "" : request.getParameter("username");
                Duration wait = remaining(username, request.getRemoteAddr());
                if (!wait.isZero() && !wait.isNegative()) {
                    audit.record(username, "login", null, "throttled", request.getRemoteAddr());
                    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
                    response.setStatus(429);
                    response.setHeader("Retry-After", Long.toString(wait.toSeconds()));
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write("Too many failed sign-ins; try again in " + minutes + " minute(s).");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
