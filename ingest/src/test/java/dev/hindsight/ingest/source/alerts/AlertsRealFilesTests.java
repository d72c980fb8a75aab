package dev.hindsight.ingest.source.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.EventKind;
import dev.hindsight.ingest.source.RealFiles;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager and Grafana bodies as other projects keep them (prometheus-msteams relays Alertmanager's body without
 * each alert's status; Zulip's fixtures are Alertmanager's and Grafana's own).
 */
class AlertsRealFilesTests {

    @Test
    void alertsWithoutTheirOwnStatusTakeTheNotifications() {
        RealFiles.Imported large = RealFiles.importing("alertmanager/pmt-large_prom_post_request.json");
        assertThat(large.rejections()).isEmpty();
        assertThat(large.events()).hasSize(19).allSatisfy(e -> assertThat(e.kind()).isEqualTo(EventKind.ALERT_FIRING));
        for (String file : new String[]{"pmt-prom_post_request.json", "pmt-prom_post_request_2_alerts.json",
                "pmt-prom_post_request_without_common_summary.json", "zulip-alert.json"}) {
            RealFiles.Imported imported = RealFiles.importing("alertmanager/" + file);
            assertThat(imported.rejections()).as(file).isEmpty();
            assertThat(imported.events()).as(file).isNotEmpty().allSatisfy(e -> assertThat(e.title()).isNotBlank());
        }
    }

    @Test
    void grafanaUnifiedAlertingBodiesGiveFiringAndResolvedAlerts() {
        RealFiles.Imported mixed = RealFiles.importing("grafana/zulip-alert-9-mixed.json");
        assertThat(mixed.rejections()).isEmpty();
        assertThat(mixed.events()).extracting(e -> e.kind()).containsExactlyInAnyOrder(EventKind.ALERT_RESOLVED,
                EventKind.ALERT_RESOLVED, EventKind.ALERT_FIRING);
        assertThat(RealFiles.importing("grafana/zulip-alert_values_v11.json").events()).hasSize(1);
    }
}
