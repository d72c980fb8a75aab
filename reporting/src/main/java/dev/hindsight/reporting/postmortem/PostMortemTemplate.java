package dev.hindsight.reporting.postmortem;

import dev.hindsight.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which sections a post-mortem has, in what order, under which headings and with what guidance. The built-in
 * {@link #DEFAULT} is blameless and follows the Google SRE book; teams add their own (a short one for minor
 * incidents, say, or "Why did it happen?" instead of "Root cause").
 */
public record PostMortemTemplate(String name, List<Part> sections) {

    /** One section of a template. */
    public record Part(Section section, String heading, String guidance) {}

    public static final String DEFAULT_NAME = "default";
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final PostMortemTemplate DEFAULT = new PostMortemTemplate(DEFAULT_NAME,
            Arrays.stream(Section.values()).map(s -> new Part(s, s.heading(), s.guidance())).toList());

    public PostMortemTemplate {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(
                    "a template name is 1 to 64 lower-case letters, digits or dashes, not \"" + name + "\"");
        }
        if (sections == null || sections.isEmpty()) {
            throw new InvalidInputException("a template needs at least one section");
        }
        Set<Section> seen = new HashSet<>();
        for (Part p : sections) {
            if (p.section() == null || !seen.add(p.section())) {
                throw new InvalidInputException("each section appears once in a template; one of "
                        + Arrays.toString(Section.values()) + " per entry");
            }
            if (p.heading() == null || p.heading().isBlank() || p.heading().length() > 200) {
                throw new InvalidInputException("the heading of " + p.section() + " needs 1 to 200 characters");
            }
        }
        sections = List.copyOf(sections);
    }

    public boolean has(Section s) {
        return sections.stream().anyMatch(p -> p.section() == s);
    }

    public String heading(Section s) {
        return sections.stream().filter(p -> p.section() == s).map(Part::heading).findFirst().orElse(s.heading());
    }
}
