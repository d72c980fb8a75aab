package dev.hindsight.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The contract's daylight-saving rule for zone-less times, record by record. */
class LocalTimelineTests {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void secondsOutOfOrderInTheRepeatedHourStayInTheFirstOccurrence() {
        // 3 Nov 2024, New York: 02:00 EDT became 01:00 EST
        LocalTimeline times = new LocalTimeline(NEW_YORK);
        assertThat(times.resolve(at("2024-11-03T01:40:05")).instant()).isEqualTo(Instant.parse("2024-11-03T05:40:05Z"));
        assertThat(times.resolve(at("2024-11-03T01:40:01")).instant()).isEqualTo(Instant.parse("2024-11-03T05:40:01Z"));
    }

    @Test
    void aStepBackByAboutTheShiftStartsTheSecondOccurrenceUntilTheHourIsOver() {
        LocalTimeline times = new LocalTimeline(NEW_YORK);
        times.resolve(at("2024-11-03T01:58:00"));
        assertThat(times.resolve(at("2024-11-03T01:02:00")).instant()).isEqualTo(Instant.parse("2024-11-03T06:02:00Z"));
        assertThat(times.resolve(at("2024-11-03T01:30:00")).instant()).isEqualTo(Instant.parse("2024-11-03T06:30:00Z"));
        LocalTimeline.Resolved after = times.resolve(at("2024-11-03T02:15:00"));
        assertThat(after.instant()).isEqualTo(Instant.parse("2024-11-03T07:15:00Z"));
        assertThat(after.note()).isNull();
    }

    @Test
    void aTimeInTheSkippedHourIsMovedForwardAndNoted() {
        LocalTimeline.Resolved skipped = new LocalTimeline(NEW_YORK).resolve(at("2024-03-10T02:30:00"));
        assertThat(skipped.instant()).isEqualTo(Instant.parse("2024-03-10T07:30:00Z")); // 03:30 EDT
        assertThat(skipped.note()).isEqualTo("skipped hour: moved forward 1 h (daylight saving time began)");
    }

    private static LocalDateTime at(String text) {
        return LocalDateTime.parse(text);
    }
}
