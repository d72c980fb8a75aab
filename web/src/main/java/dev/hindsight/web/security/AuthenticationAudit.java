package dev.hindsight.web.security;

import dev.hindsight.web.support.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Sign-ins and failed sign-ins, as Spring Security announces them. */
@Component
class AuthenticationAudit {

    private final AuditLog audit;

    AuthenticationAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void success(AuthenticationSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), "login", null, "success", null);
    }

    @EventListener
    void failure(AbstractAuthenticationFailureEvent event) {
        audit.record(String.valueOf(event.getAuthentication().getName()), "login", null, "failure",
                event.getException().getClass().getSimpleName());
    }
}
