package dev.hindsight.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in session lasts only as long as its user does: once an administrator disables or deletes them, or changes
 * their role, their next request finds the session ended (they sign in again, with their new role, if they still
 * may). One indexed lookup per request of a signed-in page, signed in with a password or through single sign-on; API
 * tokens are checked where they are read.
 */
final class SessionUserCheck extends OncePerRequestFilter {

    private final Accounts accounts;

    SessionUserCheck(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = auth != null && (auth.getPrincipal() instanceof UserDetails
                || auth instanceof org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken);
        if (signedIn && !stillValid(auth.getName(), auth)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(String username, Authentication auth) {
        return accounts.findUser(username)
                .filter(Accounts.User::enabled)
                .filter(u -> auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .anyMatch(u.role().authority()::equals))
                .isPresent();
    }
}
