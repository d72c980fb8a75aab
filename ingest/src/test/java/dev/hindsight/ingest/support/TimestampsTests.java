package dev.hindsight.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The digit-by-digit reading of common timestamps agrees with the formatter on every text it accepts. */
class TimestampsTests {

    @Test
    void theCommonShapesAreReadWithoutTheFormatterAndToTheSameTime() {
        for (String text : List.of("2014-08-12T14:05:09Z", "2014-08-12T14:05:09.1Z", "2014-08-12T14:05:09.123456789Z",
                "2014-08-12T14:05:09+02:00", "2014-08-12T14:05:09.5-07:30", "2016-02-29T23:59:59.000+00:00",
                "2014-08-12T14:05:09-00:00")) {
            OffsetDateTime fast = Timestamps.rfc3339(text);
            assertThat(fast).as(text).isNotNull().isEqualTo(Timestamps.viaFormatter(text));
            assertThat(Timestamps.parseOffset(text).orElseThrow().zone())
                    .as(text)
                    .isEqualTo(Timestamps.viaFormatter(text).getOffset().getId());
        }
    }

    @Test
    void everythingElseIsLeftToTheFormatter() {
        for (String text : List.of("2014-08-12 14:05:09Z", "2014-08-12t14:05:09z", "2014-08-12T14:05:09+0200",
                "2014-08-12T24:00:00Z", "2015-02-29T10:00:00Z", "2014-08-12T14:05:60Z", "2014-08-12T14:05:09.Z",
                "2014-08-12T14:05:09.1234567891Z", "2014-08-12T14:05Z", "+12014-08-12T14:05:09Z",
                "2014-08-12T14:05:09+18:00", "2014-08-12T14:05:09+02:00:30", "2014-08-12T14:05:09")) {
            assertThat(Timestamps.rfc3339(text)).as(text).isNull();
        }
        // the formatter still reads the forms it always read
        assertThat(Timestamps.parseOffset("2014-08-12 14:05:09+0200").orElseThrow().instant())
                .isEqualTo(OffsetDateTime.parse("2014-08-12T12:05:09Z").toInstant());
    }

    /** Random texts near the common shape: whenever the fast reading answers, the formatter answers the same. */
    @Test
    void neverDisagreesWithTheFormatter() {
        Random random = new Random(20141208);
        String alphabet = "0123456789-:T.Z+ z";
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = mutate(random, alphabet, sample(random));
            OffsetDateTime quick = Timestamps.rfc3339(text);
            if (quick != null) {
                fast++;
                assertThat(quick).as(text).isEqualTo(Timestamps.viaFormatter(text));
            }
        }
        assertThat(fast).as("texts the fast reading answered").isGreaterThan(50_000);
    }

    private static String sample(Random random) {
        String offset = switch (random.nextInt(4)) {
            case 0 -> "Z";
            case 1 -> String.format(Locale.ROOT, "+%02d:%02d", random.nextInt(20), random.nextInt(62));
            case 2 -> String.format(Locale.ROOT, "-%02d:%02d", random.nextInt(20), random.nextInt(62));
            default -> "";
        };
        String fraction = random.nextBoolean() ? "" : "." + "123456789012".substring(0, random.nextInt(12));
        return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", 1980 + random.nextInt(130),
                random.nextInt(14),
                random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62), fraction, offset);
    }

    private static String mutate(Random random, String alphabet, String text) {
        if (random.nextInt(4) != 0) {
            return text;
        }
        List<Character> chars = new ArrayList<>();
        text.chars().forEach(c -> chars.add((char) c));
        int at = random.nextInt(chars.size());
        chars.set(at, alphabet.charAt(random.nextInt(alphabet.length())));
        StringBuilder out = new StringBuilder();
        chars.forEach(out::append);
        return out.toString();
    }
}
