package dev.hindsight.search.event;

import org.jspecify.annotations.Nullable;

/**
 * The raw record an event was decoded from, as far as it was kept: where it was read, by which parser, its hash and
 * size, and its (possibly truncated) bytes.
 */
public record RawView(@Nullable String origin, @Nullable String parserVersion, @Nullable String sha256, int size,
        boolean truncated, byte[] bytes) {}
