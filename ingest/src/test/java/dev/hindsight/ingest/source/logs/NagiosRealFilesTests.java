package dev.hindsight.ingest.source.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.ingest.source.Fixtures;
import dev.hindsight.ingest.source.RealFiles;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A real Nagios 3.2 log (Datadog's own monitoring, kept by dd-agent for its tests), read line by line. */
class NagiosRealFilesTests {

    @Test
    void everyLineIsReadAndHardAlertsAreTheStateChanges() throws Exception {
        RealFiles.Imported nagios = RealFiles.importing("nagios/ddagent-nagios.log");
        long hardAlertLines = Files.readAllLines(Fixtures.resource("realfiles/nagios/ddagent-nagios.log")).stream()
                .filter(l -> l.matches("^\\[\\d+] (SERVICE|HOST) ALERT: .*;HARD;.*")).count();

        assertThat(nagios.rejections()).isEmpty();
        assertThat(nagios.events()).hasSize(632);
        assertThat(nagios.events().stream().filter(e -> e.kind() != EventKind.LOG_LINE)).hasSize((int) hardAlertLines);

        Event firing = nagios.events().stream()
                .filter(e -> e.kind() == EventKind.ALERT_FIRING && "cassandra JVM Heap".equals(e.service())).findFirst()
                .orElseThrow();
        assertThat(firing.host()).isEqualTo("domU-12-31-38-01-6A-21");
        assertThat(firing.severity()).isEqualTo("CRITICAL");
        assertThat(firing.occurredAt()).isEqualTo(Instant.ofEpochSecond(1297832584));
        assertThat(nagios.events()).anySatisfy(e -> {
            assertThat(e.title()).startsWith("Notified pagerduty: ip-10-114-245-230/RAID EBS OK");
            assertThat(e.actor()).isEqualTo("pagerduty");
        });
    }
}
