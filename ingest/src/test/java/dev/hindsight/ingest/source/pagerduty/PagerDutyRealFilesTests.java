package dev.hindsight.ingest.source.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.ingest.source.RealFiles;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.CollectingSink;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** PagerDuty as its webhooks delivered it over the years (Zulip's fixtures) and as older incident pages read. */
class PagerDutyRealFilesTests {

    @Test
    void webhooksOfEveryVersionArePlacedInTime() {
        RealFiles.Imported v1 = RealFiles.importing("pagerduty/zulip-auto_resolved_v1.json");
        assertThat(v1.rejections()).isEmpty();
        assertThat(v1.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.PAGE_RESOLVED);
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2015-02-07T21:29:42Z"));
        });
        RealFiles.Imported v2 = RealFiles.importing("pagerduty/zulip-resolve_v2.json");
        assertThat(v2.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EventKind.PAGE_RESOLVED);
            assertThat(e.actor()).isEqualTo("Laura Haley");
            assertThat(e.service()).isEqualTo("Production XDB Cluster");
        });
        assertThat(RealFiles.importing("pagerduty/zulip-triggered_v3.json").events()).extracting(Event::kind)
                .containsExactly(EventKind.PAGE_TRIGGERED);
    }

    @Test
    void aResolvedIncidentWithoutResolvedAtIsResolvedAtItsLastStatusChange() {
        // the incidents list as api-schema's 2023 example has it: status resolved, last_status_change_at, no resolved_at
        var page = JsonMapper.builder().build().readTree("""
                {"incidents":[{"id":"PT4KHLK","incident_number":1234,"title":"The server is on fire.",
                  "summary":"[#1234] The server is on fire.","created_at":"2015-10-06T21:30:42Z","status":"resolved",
                  "last_status_change_at":"2015-10-06T21:38:23Z","urgency":"high",
                  "service":{"id":"PIJ90N7","type":"service_reference","summary":"My Mail Service"},
                  "first_trigger_log_entry":{"id":"Q02JTSNZWHSEKV","type":"trigger_log_entry_reference"}}],
                 "limit":1,"offset":0,"more":false}""");
        CollectingSink sink = new CollectingSink("pagerduty", DecodeContext.utc());

        PagerDutyRecords.decode(page, "incidents.json", DecodeContext.utc(), sink);

        assertThat(sink.events()).extracting(Event::kind).containsExactly(EventKind.PAGE_TRIGGERED,
                EventKind.PAGE_RESOLVED);
        assertThat(sink.events().getLast().occurredAt()).isEqualTo(Instant.parse("2015-10-06T21:38:23Z"));
    }
}
