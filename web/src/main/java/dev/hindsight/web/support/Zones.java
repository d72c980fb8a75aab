package dev.hindsight.web.support;

import dev.hindsight.core.error.InvalidInputException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** Time zones as people name them in a request: an IANA id, UTC when none is given. */
public final class Zones {

    private Zones() {}

    /** The cookie in which the pages keep the zone the viewer picked (see app.js). */
    public static final String COOKIE = "hindsight_zone";

    /** The viewer's zone from their cookie; UTC when there is none or it names no zone. */
    public static ZoneId viewer(@Nullable String cookie) {
        try {
            return parse(cookie);
        } catch (InvalidInputException e) {
            return ZoneOffset.UTC;
        }
    }

    public static ZoneId parse(@Nullable String zone) {
        try {
            return zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("unknown time zone \"" + zone + "\"; use an IANA id such as Europe/Berlin");
        }
    }
}
