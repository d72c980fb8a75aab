package dev.hindsight.ingest.source.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.source.RealFiles;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Syslog files as other projects keep them for their own tests (Elastic Beats, CrowdSec, lnav, simple-syslog): every
 * line read, with the tag, structured data and times their senders wrote. The year of RFC 3164 lines is given, as a
 * user would with {@code --year}, so the assertions do not depend on when the fixture was checked out.
 */
class SyslogRealFilesTests {

    private static final ImportOptions YEAR_2016 = new ImportOptions(null, null, java.time.ZoneOffset.UTC, 2016, null,
            ImportOptions.DEFAULT_BATCH, null);

    @Test
    void dovecotTagsWithAndWithoutAPidAndRsyslogTimesAreAllRead() {
        RealFiles.Imported dovecot = RealFiles.importing("syslog/crowdsec-dovecot-logs.log", YEAR_2016);

        assertThat(dovecot.rejections()).isEmpty();
        assertThat(dovecot.events()).hasSize(15).allSatisfy(e -> assertThat(e.service()).isEqualTo("dovecot"));
        Event first = dovecot.events().getFirst();
        assertThat(first.title()).isEqualTo("auth-worker(24544): pam(toto,1.1.1.1): unknown user");
        assertThat(first.host()).isEqualTo("canyon");
        assertThat(first.occurredAt()).isEqualTo(Instant.parse("2016-09-08T07:46:30Z"));
        assertThat(dovecot.events()).anySatisfy(e -> {
            assertThat(e.host()).isEqualTo("mail");
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2024-12-31T05:56:17.784598Z")); // +01:00 honoured
        });
    }

    @Test
    void indentedLinesContinueTheMessageAboveThem() {
        RealFiles.Imported mac = RealFiles.importing("syslog/lnav-logfile_syslog.3.log", YEAR_2016);

        assertThat(mac.rejections()).isEmpty();
        assertThat(mac.events()).hasSize(7); // 17 lines, 7 of them headers
        assertThat(mac.events().get(2).title()).isEqualTo("Configuration Notice:");
        assertThat(mac.events().get(2).text()).contains(
                "ASL Module \"com.apple.cdscheduler\" claims selected messages.",
                "Those messages may not appear in standard system log files");

        RealFiles.Imported darwin = RealFiles.importing("syslog/beats-darwin-syslog-sample.log", YEAR_2016);
        assertThat(darwin.rejections()).isEmpty();
        assertThat(darwin.events()).extracting(Event::service)
                .containsExactly("GoogleSoftwareUpdateAgent", "GoogleSoftwareUpdateAgent", null);
        assertThat(darwin.events().getFirst().text()).contains("lockFile=<KSLockFile:");
        assertThat(darwin.events().getLast().title()).isEqualTo("--- last message repeated 1 time ---");
    }

    @Test
    void tagsWithDotsWithoutPidsAndLinesWithoutATagKeepTheirWholeMessage() {
        RealFiles.Imported lnav = RealFiles.importing("syslog/lnav-logfile_syslog_with_access_log.0.log", YEAR_2016);
        assertThat(lnav.rejections()).isEmpty();
        assertThat(lnav.events()).extracting(Event::service)
                .containsExactly("sudo", "tomcat.log", "tomcat.log", "automount", null);
        assertThat(lnav.events().get(3).labels()).containsEntry("procid", "7999");

        RealFiles.Imported unifi = RealFiles.importing("syslog/crowdsec-unifi-logs.log", YEAR_2016);
        assertThat(unifi.rejections()).isEmpty();
        assertThat(unifi.events().get(1).title()).startsWith("[WAN_LOCAL-D-2147483647] DESCR="); // host written twice
        assertThat(unifi.events().getLast().service()).isEqualTo("sshd");

        RealFiles.Imported ise = RealFiles.importing("syslog/simplesyslog-3164-two_ise_mix_date.txt", YEAR_2016);
        assertThat(ise.rejections()).isEmpty();
        assertThat(ise.events()).extracting(Event::severity).containsOnly("notice");
        assertThat(ise.events().getFirst().host()).isEqualTo("10.34.84.145");
    }

    @Test
    void rfc5424StructuredDataBecomesLabelsWithOrWithoutPriAndFraming() {
        RealFiles.Imported mix = RealFiles.importing("syslog/simplesyslog-5424-log_mix.txt");
        assertThat(mix.rejections()).isEmpty();
        assertThat(mix.events().get(1).labels()).containsEntry("sd.exampleSDID@32473.iut", "3")
                .containsEntry("sd.exampleSDID@32480.eventSource", "Other Application")
                .containsEntry("msgid", "MSG-01");

        RealFiles.Imported zones = RealFiles.importing("syslog/lnav-logfile_with_zones.0.log");
        assertThat(zones.rejections()).isEmpty();
        assertThat(zones.events().getFirst().labels()).containsEntry("sd.abc@6876.comp", "abc-edge");
        assertThat(zones.events().get(1).occurredAt()).isEqualTo(Instant.parse("2022-08-27T14:22:01.694554Z"));
        assertThat(zones.events().get(1).title()).startsWith("(root) CMD");

        RealFiles.Imported heroku = RealFiles.importing("syslog/simplesyslog-5424-log_missing_structure.txt");
        assertThat(heroku.rejections()).isEmpty();
        assertThat(heroku.events()).singleElement().satisfies(e -> {
            assertThat(e.service()).isEqualTo("app");
            assertThat(e.labels()).containsEntry("procid", "web.1");
            assertThat(e.title()).startsWith("I, [2020-08-31T13:46:15.963030 #4]");
        });

        RealFiles.Imported umlauts = RealFiles.importing("syslog/simplesyslog-5424-log_utf8_umlauts.txt");
        assertThat(umlauts.events()).singleElement()
                .satisfies(e -> assertThat(e.title()).isEqualTo("Message with some Umlauts äöü"));

        RealFiles.Imported opnsense = RealFiles.importing("syslog/crowdsec-opnsense-sshd.log");
        assertThat(opnsense.events()).allSatisfy(e -> {
            assertThat(e.severity()).isEqualTo("info");
            assertThat(e.labels()).containsEntry("facility", "auth").containsKey("sd.meta.sequenceId");
        });
    }

    @Test
    void everyOtherRealFileIsReadWholeOrRefusedWithItsReason() {
        for (String file : new String[]{"beats-suse-syslog.log", "crowdsec-pf-logs.log",
                "crowdsec-pfsense-rfc5424-filterlog.log", "crowdsec-pfsense-rfc5424-nginx.log",
                "lnav-logfile_syslog_with_mixed_times.0.log", "simplesyslog-5424-log_atna.txt"}) {
            RealFiles.Imported imported = RealFiles.importing("syslog/" + file, YEAR_2016);
            assertThat(imported.rejections()).as(file).isEmpty();
            assertThat(imported.events()).as(file).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.title()).isNotBlank().doesNotStartWith(" "));
        }
        RealFiles.Imported beats = RealFiles.importing("syslog/beats-tz-offset.log");
        assertThat(beats.rejections()).containsEntry("beats-tz-offset.log#1",
                "line 1: timestamp '1986-04-26T01:23:45.101+0400' is outside the plausible range 1990-2100");
        assertThat(beats.events()).singleElement().satisfies(e -> assertThat(e.service()).isEqualTo("sudo"));
    }
}
