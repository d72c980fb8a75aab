package dev.hindsight.core.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a record means on a timeline; the names are part of the command-line contract. */
public enum EventKind {
    ALERT_FIRING,
    ALERT_RESOLVED,
    PAGE_TRIGGERED,
    PAGE_NOTIFIED,
    PAGE_ACKNOWLEDGED,
    PAGE_ESCALATED,
    PAGE_RESOLVED,
    PAGE_NOTE,
    CHAT_MESSAGE,
    STATUS_UPDATE,
    PROVIDER_NOTICE,
    LOG_LINE,
    CHANGE,
    NOTE;

    /** Parses a kind name case-insensitively ({@code alert_firing} and {@code ALERT_FIRING} are the same kind). */
    public static Optional<EventKind> parse(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.name().equals(wanted)).findFirst();
    }
}
