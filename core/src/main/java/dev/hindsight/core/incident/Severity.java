package dev.hindsight.core.incident;

import java.util.Locale;
import java.util.Optional;

/** Incident severity, SEV1 the worst. */
public enum Severity {
    SEV1,
    SEV2,
    SEV3,
    SEV4,
    SEV5;

    public static Optional<Severity> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
