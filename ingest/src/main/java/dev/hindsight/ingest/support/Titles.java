package dev.hindsight.ingest.support;

import dev.hindsight.core.text.Texts;

/** Titles of events made from free text: short enough for a timeline line; the full text stays in the event's text. */
public final class Titles {

    /** Longest title. */
    public static final int MAX = 200;

    private Titles() {}

    /** The text clipped to {@link #MAX} characters, with an ellipsis when it was longer. */
    public static String clip(String text) {
        return Texts.clip(text, MAX);
    }

    /** The first line of a message, clipped. */
    public static String firstLine(String text) {
        return clip(text.strip().lines().findFirst().orElse(""));
    }
}
