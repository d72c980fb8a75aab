package dev.hindsight.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one duration format and the one clipper every page, export, finding and database column uses. */
class TextsTests {

    @Test
    void durationsLeaveOutZeroPartsAndKeepTheirSign() {
        assertThat(Durations.readable(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Durations.readable(Duration.ofSeconds(7 * 60))).isEqualTo("7 min");
        assertThat(Durations.readable(Duration.ofSeconds(7 * 60 + 12))).isEqualTo("7 min 12 s");
        assertThat(Durations.readable(Duration.ofMinutes(12 * 60 + 23))).isEqualTo("12 h 23 min");
        assertThat(Durations.readable(Duration.ofHours(17))).isEqualTo("17 h");
        assertThat(Durations.readable(Duration.ofHours(76))).isEqualTo("3 days 4 h");
        assertThat(Durations.readable(Duration.ofMinutes(-2))).as("impact marked after detection").isEqualTo("−2 min");
        assertThat(Durations.readableSeconds(null)).isEqualTo("–");
    }

    @Test
    void clippingNeverSplitsASurrogatePairAndStaysWithinTheLimit() {
        String text = "ab" + "😀".repeat(5); // each emoji is two UTF-16 units
        for (int max = 1; max < text.length(); max++) {
            String clipped = Texts.clip(text, max);
            assertThat(clipped.length()).as("max %d", max).isLessThanOrEqualTo(max);
            assertThat(clipped).endsWith("…");
            assertThat(
                    Character.isHighSurrogate(clipped.charAt(Math.max(0, clipped.length() - 2))) && clipped.length() > 1
                            && !Character.isLowSurrogate(clipped.charAt(clipped.length() - 1))
                            && clipped.charAt(clipped.length() - 1) != '…')
                    .isFalse();
            assertThat(clipped.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE))
                    .as("no lone surrogate at max %d: %s", max, clipped).isTrue();
        }
        assertThat(Texts.clip("short", 10)).isEqualTo("short");
    }
}
