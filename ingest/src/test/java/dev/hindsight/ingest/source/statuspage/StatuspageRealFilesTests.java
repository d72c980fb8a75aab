package dev.hindsight.ingest.source.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.ingest.source.RealFiles;
import dev.hindsight.ingest.spi.DecodeContext;
import dev.hindsight.ingest.support.CollectingSink;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Statuspage webhook bodies as Atlassian sent them (Zulip's fixtures), component changes included. */
class StatuspageRealFilesTests {

    @Test
    void aComponentStatusChangeIsAnEventOfItsComponent() {
        RealFiles.Imported change = RealFiles.importing("statuspage/zulip-component_status_update.json");

        assertThat(change.rejections()).isEmpty();
        assertThat(change.events()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Database component — operational → under maintenance");
            assertThat(e.service()).isEqualTo("Database component");
            assertThat(e.labels()).containsEntry("status", "under_maintenance");
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2017-12-26T07:59:09.379Z"));
        });
    }

    @Test
    void incidentWebhooksGiveEachUpdateOnce() {
        RealFiles.Imported update = RealFiles.importing("statuspage/zulip-incident_update.json");
        assertThat(update.events()).extracting(Event::title).containsExactly("Database query delays — resolved",
                "Database query delays — identified");
        assertThat(update.events()).allSatisfy(e -> assertThat(e.service()).isEqualTo("Management Portal (example)"));
    }

    @Test
    void theOldApisNoComponentsPlaceholderIsNoService() {
        var incident = JsonMapper.builder().build().readTree(
                """
                        {"incident":{"id":"p31zjtct2jer","name":"Degraded logins","impact":"minor","incident_updates":[
                          {"id":"u1","status":"investigating","body":"We are looking into it.","created_at":"2014-08-12T08:10:00Z",
                           "display_at":"2014-08-12T08:10:00Z","affected_components":[{"code":"x","name":"No components were affected by this update.","old_status":"operational","new_status":"operational"}]}]}}""");
        CollectingSink sink = new CollectingSink("statuspage", DecodeContext.utc());

        StatuspageRecords.decode(incident, "webhook", DecodeContext.utc(), sink);

        assertThat(sink.events()).singleElement().satisfies(e -> assertThat(e.service()).isNull());
    }
}
