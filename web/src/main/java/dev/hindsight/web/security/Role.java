package dev.hindsight.web.security;

import java.util.Locale;
import java.util.Optional;

/** What a user or token may do. Restricted incidents are governed by membership on top of the role. */
public enum Role {
    /** Everything, including users, tokens and every restricted incident. */
    ADMIN,
    /** Declares incidents, curates timelines, owns post-mortems. */
    COMMANDER,
    /** Imports evidence, annotates, works on action items. */
    RESPONDER,
    /** Reads reports and dashboards (management). */
    VIEWER;

    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
