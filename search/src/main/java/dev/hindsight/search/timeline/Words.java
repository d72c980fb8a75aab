package dev.hindsight.search.timeline;

import dev.hindsight.core.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Distinctive words of an event, crudely stemmed, for the last resort of storyline assignment: a message that names no
 * host, site or ticket joins the storyline whose evidence uses the same words ("logged out" and "logs users out").
 */
final class Words {

    /** Words shared by almost any operational text; they say nothing about which storyline a message belongs to. */
    private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for",
            "is", "are", "was",
            "it", "its", "this", "that", "with", "from", "by", "be", "we", "our", "us", "they", "them", "now", "no",
            "not", "so", "as",
            "all", "but", "can", "get", "got", "just", "still", "after", "before", "right", "up", "down", "out", "when",
            "what",
            "how", "some", "one", "two", "three", "see", "seen", "look", "ok", "yes", "back", "again", "http", "https",
            "error", "errors",
            "issue", "issues", "service", "users", "user", "data", "center", "centre");
    static final int MIN_SHARED = 2;

    private Words() {}

    static Set<String> of(Event e) {
        Set<String> words = new HashSet<>();
        forEach(e, words::add);
        return words;
    }

    /** Each word of the event as {@link #of} has it, repeats included, without gathering them. */
    static void forEach(Event e, Consumer<String> out) {
        Consumer<String> add = raw -> {
            if (raw.length() >= 3 && !STOP.contains(raw)) {
                out.accept(stem(raw));
            }
        };
        split(e.title(), Character::isLetter, add);
        split(e.text(), Character::isLetter, add);
    }

    /**
     * Every letter-or-digit token, numbers included (what tells one echo of an alert from the next), sorted and
     * distinct: compact, and two events' tokens are compared by one merge. Each token is the one string
     * {@code canonical} keeps for it: a window's events share a small vocabulary, and the memory it takes.
     */
    static String[] tokens(Event e, Map<String, String> canonical) {
        List<String> tokens = new ArrayList<>();
        Consumer<String> add = token -> {
            String known = canonical.putIfAbsent(token, token);
            tokens.add(known == null ? token : known);
        };
        split(e.title(), Words::letterOrNumber, add);
        split(e.text(), Words::letterOrNumber, add);
        String[] sorted = tokens.toArray(String[]::new);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (distinct == 0 || !sorted[i].equals(sorted[distinct - 1])) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    /**
     * The lower-case runs of code points {@code inToken} accepts. Hand-written rather than a regular-expression split:
     * a timeline reads every event's words, and splitting allocated more than all the rest of the engine.
     */
    private static void split(@Nullable String text, IntPredicate inToken, Consumer<String> out) {
        if (text == null) {
            return;
        }
        int start = -1;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            if (inToken.test(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.accept(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.accept(text.substring(start).toLowerCase(Locale.ROOT));
        }
    }

    static boolean letterOrNumber(int cp) {
        return Character.isLetter(cp) || switch (Character.getType(cp)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** Enough to make "logged", "logs" and "logging" one word. */
    static String stem(String w) {
        for (String suffix : new String[]{"ging", "ing", "ged", "ed", "es", "s"}) {
            if (w.length() > suffix.length() + 2 && w.endsWith(suffix)) {
                return w.substring(0, w.length() - suffix.length());
            }
        }
        return w;
    }

    private static final java.util.regex.Pattern PROBLEM = java.util.regex.Pattern.compile(
            "(?i)\\b(error|errors|fail\\w*|down|dark|slow|timeout|timing out|timed out|latency|packet loss|outage|unreachable|"
                    + "unavailable|broken|can'?t|cannot|unable|logged out|log(?:ged)? me out|logout|crash\\w*|5\\d\\d|saturat\\w*|"
                    + "degrad\\w*|not working|doesn'?t work|thrown out|kicked out)\\b");

    /** Whether a message sounds like someone reporting a problem, not chatting about the work. */
    static boolean soundsLikeAProblem(Event e) {
        return PROBLEM.matcher(e.title() + " " + (e.text() == null ? "" : e.text())).find();
    }

    /** The storyline sharing the most words (at least {@link #MIN_SHARED}), if exactly one does. */
    static Optional<String> closest(Set<String> words, SortedMap<String, Set<String>> storylines) {
        String best = null;
        long bestScore = 0;
        boolean tie = false;
        for (Map.Entry<String, Set<String>> s : storylines.entrySet()) {
            long score = words.stream().filter(s.getValue()::contains).count(); // a message has few words, a storyline many
            if (score > bestScore) {
                best = s.getKey();
                bestScore = score;
                tie = false;
            } else if (score == bestScore && score > 0) {
                tie = true;
            }
        }
        return bestScore >= MIN_SHARED && !tie ? Optional.of(best) : Optional.empty();
    }
}
