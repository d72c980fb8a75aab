package dev.hindsight.web.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;

/** ISO-8601 times on the command line: an instant with Z or an offset, or a date meaning its UTC midnight. */
public final class TimeArguments implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("'" + value
                        + "' is not an ISO-8601 time such as 2014-08-12T07:50:00Z or 2014-08-12");
            }
        }
    }
}
