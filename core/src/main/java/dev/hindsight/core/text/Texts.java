package dev.hindsight.core.text;

import org.jspecify.annotations.Nullable;

/** Clipping text to a length, at a code point boundary (a surrogate pair is never split), marked with an ellipsis. */
public final class Texts {

    public static final String ELLIPSIS = "…";

    private Texts() {}

    /**
     * The text, or its start followed by {@code …}, at most {@code max} UTF-16 units long (what database columns count)
     * and never ending in half a surrogate pair.
     */
    public static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    /** As {@link #clip(String, int)}, passing null through. */
    public static @Nullable String clipNullable(@Nullable String text, int max) {
        return text == null ? null : clip(text, max);
    }
}
