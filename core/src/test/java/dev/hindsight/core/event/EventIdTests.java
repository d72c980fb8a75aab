package dev.hindsight.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdTests {

    @Test
    void theSameNaturalKeyInTheSameSourceIsAlwaysTheSameId() {
        assertThat(EventId.of("slack", "C024BE91L/1407829800.000200"))
                .isEqualTo(EventId.of("slack", "C024BE91L/1407829800.000200"))
                .startsWith("ev_")
                .hasSize(27);
    }

    @Test
    void theSameKeyInAnotherSourceIsAnotherEvent() {
        assertThat(EventId.of("pagerduty", "R1")).isNotEqualTo(EventId.of("opsgenie", "R1"));
        // the separator keeps ("ab","c") and ("a","bc") apart
        assertThat(EventId.of("ab", "c")).isNotEqualTo(EventId.of("a", "bc"));
    }

    @Test
    void kindsParseCaseInsensitively() {
        assertThat(EventKind.parse("alert_firing")).contains(EventKind.ALERT_FIRING);
        assertThat(EventKind.parse("page-acknowledged")).contains(EventKind.PAGE_ACKNOWLEDGED);
        assertThat(EventKind.parse("ALERT")).isEmpty();
    }
}
