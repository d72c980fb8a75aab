package dev.hindsight.reporting.postmortem;

import dev.hindsight.core.error.InvalidInputException;
import java.util.Arrays;

/** The sections of the default template: blameless, in the order of the Google SRE book's post-mortem. */
public enum Section {
    SUMMARY("Summary", "What happened, in three sentences a manager can repeat."),
    IMPACT("Impact", "Who and what was affected, for how long, how badly."),
    ROOT_CAUSE("Root cause", "The underlying cause, not the trigger; no names, only systems and decisions."),
    CONTRIBUTING("Contributing factors", "What made it worse or slower to fix."),
    WENT_WELL("What went well", "Keep doing these."),
    WENT_BADLY("What went badly", "Where the response lost time or trust."),
    LUCKY("Where we got lucky", "What saved us that we cannot count on next time."),
    LESSONS("Lessons learned", "One line per lesson; each becomes an action item.");

    private final String heading;
    private final String guidance;

    Section(String heading, String guidance) {
        this.heading = heading;
        this.guidance = guidance;
    }

    public String heading() {
        return heading;
    }

    public String guidance() {
        return guidance;
    }

    /** A section by its name ({@code ROOT_CAUSE}, {@code root-cause}) or heading, or a message listing them. */
    public static Section parse(String value) {
        String wanted = value.strip().replace('-', '_').replace(' ', '_');
        for (Section s : values()) {
            if (s.name().equalsIgnoreCase(wanted) || s.heading.equalsIgnoreCase(value.strip())) {
                return s;
            }
        }
        throw new InvalidInputException("no section \"" + value + "\"; the sections are "
                + Arrays.stream(values()).map(Section::name).toList());
    }
}
