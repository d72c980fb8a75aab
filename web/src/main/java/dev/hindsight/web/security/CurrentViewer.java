package dev.hindsight.web.security;

import dev.hindsight.core.incident.Viewer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The viewer of the current request, for visibility decisions. */
public final class CurrentViewer {

    private CurrentViewer() {}

    /** Who to name in the audit log: the signed-in user or token, else "local" (a command or the server itself). */
    public static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "local" : auth.getName();
    }

    /** The viewer when the request is signed in (a session or an API token), else empty (anonymous). */
    public static java.util.Optional<Viewer> authenticated() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()
                || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(get());
    }

    /** The role the caller signed in (or authenticated a token) with. */
    public static java.util.Optional<Role> role() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return java.util.Optional.empty();
        }
        return auth.getAuthorities().stream().map(a -> a.getAuthority())
                .filter(a -> a.startsWith("ROLE_")).map(a -> Role.parse(a.substring(5)))
                .flatMap(java.util.Optional::stream)
                .findFirst();
    }

    public static Viewer get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return new Viewer("anonymous", false);
        }
        boolean admin = auth.getAuthorities().stream().anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        return new Viewer(auth.getName(), admin);
    }
}
