package dev.hindsight.ingest.support;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates in file names ({@code 2014-08-12.log}, {@code syslog-20140812}), for sources whose lines carry no year or date. */
public final class FileDates {

    private static final Pattern DATE = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})");

    private FileDates() {}

    /** The first valid date in the last path element of the name. */
    public static Optional<LocalDate> fromName(String name) {
        String base = name.replace('\\', '/');
        Matcher m = DATE.matcher(base.substring(base.lastIndexOf('/') + 1));
        while (m.find()) {
            try {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))));
            } catch (DateTimeException e) {
                // digits that are not a date: keep looking
            }
        }
        return Optional.empty();
    }
}
