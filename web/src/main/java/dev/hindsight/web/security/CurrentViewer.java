package dev.hindsight.web.security;

import dev.hindsight.core.incident.Viewer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The viewer of the current request, for visibility decisions. */
public final class CurrentViewer {

    private CurrentViewer() {}

    public static Viewer get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return new Viewer("anonymous", false);
        }
        boolean admin = auth.getAuthorities().stream().anyMatch(a -> Role.ADMIN.authority().equals(a.getAuthority()));
        return new Viewer(auth.getName(), admin);
    }
}
