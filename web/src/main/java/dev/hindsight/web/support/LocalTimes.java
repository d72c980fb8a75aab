package dev.hindsight.web.support;

import dev.hindsight.core.error.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/** Times typed into a page's date-time fields: in the zone the viewer picked, or with their own offset. */
public final class LocalTimes {

    private LocalTimes() {}

    public static @Nullable Instant parse(@Nullable String value, String zone, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                return LocalDateTime.parse(value).atZone(ZoneId.of(zone)).toInstant();
            } catch (DateTimeException e) {
                throw new InvalidInputException(
                        field + " must be a date and time such as 2014-08-12T03:50, not \"" + value + "\"");
            }
        }
    }
}
