package dev.hindsight.web.security;

import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.support.StoreOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API tokens: {@code Authorization: Bearer hs_...}, or Basic with the token as the password (for senders
 * that only do basic auth, such as Alertmanager and Grafana). A request carrying such a header with an invalid token
 * is refused with 401 here, never passed on as anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final Accounts accounts;
    private final AuditLog audit;

    BearerTokenFilter(Accounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** Basic credentials whose password is an API token (a user's own password never looks like one). */
    static boolean hasBasicToken(HttpServletRequest request) {
        return basicPassword(request).filter(p -> p.startsWith(Accounts.TOKEN_PREFIX)).isPresent();
    }

    private static Optional<String> basicPassword(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()),
                    java.nio.charset.StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token;
        if (hasBearer(request)) {
            token = request.getHeader("Authorization").substring(7).trim();
        } else if (hasBasicToken(request)) {
            token = basicPassword(request).orElseThrow();
        } else {
            chain.doFilter(request, response);
            return;
        }
        Optional<Accounts.TokenPrincipal> principal;
        try {
            principal = accounts.authenticateToken(token);
        } catch (DataAccessException e) {
            // the token cannot be checked while the database is away: a 401 would make PagerDuty drop the delivery
            // for good, a 503 makes every sender retry
            response.setHeader("Retry-After", StoreOutage.RETRY_AFTER_SECONDS);
            FilterProblems.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Store unavailable",
                    "the database is unavailable; nothing was stored, retry later");
            return;
        }
        if (principal.isEmpty()) {
            // the token itself is never logged: only its first characters, to tell attempts apart
            audit.record("token:" + token.substring(0, Math.min(6, token.length())) + "…", "token",
                    request.getRequestURI(), "failure",
                    request.getRemoteAddr());
            FilterProblems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                    "the bearer token is not valid");
            return;
        }
        Accounts.TokenPrincipal p = principal.get();
        var auth = new UsernamePasswordAuthenticationToken(
                p.actsAs(), null, List.of(new SimpleGrantedAuthority(p.role().authority())));
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
