package dev.hindsight.ingest.source.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.internal.files.FileImporter;
import dev.hindsight.ingest.source.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Posts made by integrations carry their words in attachments (Mattermost's {@code props.attachments}, the Slack
 * shape); system posts (joins, header changes) are skipped. No public Mattermost export with attachment posts under a
 * licence we can commit was found, so this one follows the bulk export schema and Mattermost's attachment docs.
 */
class IntegrationPostsTests {

    @TempDir
    Path dir;

    @Test
    void anIntegrationPostReadsAsItsAttachmentsAndSystemPostsAreSkipped() throws Exception {
        Path export = dir.resolve("export.jsonl");
        Files.writeString(export,
                """
                        {"type":"version","version":1}
                        {"type":"post","post":{"team":"ops","channel":"incidents","user":"alertbot","message":"","create_at":1407829800000,"props":{"attachments":[{"fallback":"CRITICAL edge1","pretext":"Alertmanager","title":"[FIRING:1] PacketLoss","text":"packet loss on edge1 is 72%","fields":[{"title":"severity","value":"critical","short":true},{"title":"site","value":"dc-east","short":true}]}]}}}
                        {"type":"post","post":{"team":"ops","channel":"incidents","user":"maria","message":"maria joined the channel.","type":"system_join_channel","create_at":1407829801000}}
                        {"type":"post","post":{"team":"ops","channel":"incidents","user":"alertbot","message":"","create_at":1407829802000,"props":{"attachments":[{"fallback":"only a fallback"}]}}}
                        {"type":"post","post":{"team":"ops","channel":"incidents","user":"alertbot","message":"","create_at":1407829803000,"props":{"attachments":[]}}}
                        """);

        InMemoryEventSink sink = new InMemoryEventSink();
        ImportReport report = new FileImporter(sink, Fixtures.registry()).importPaths(List.of(export),
                ImportOptions.defaults().namingRelativeTo(dir), Viewer.SYSTEM, ImportProgress.Listener.NONE);

        assertThat(sink.events()).extracting(Event::title).containsExactly("Alertmanager", "only a fallback");
        assertThat(sink.events().getFirst().text()).isEqualTo("""
                Alertmanager
                [FIRING:1] PacketLoss
                packet loss on edge1 is 72%
                severity: critical
                site: dc-east""");
        assertThat(report.skipped()).isEqualTo(2); // the version line and the join
        assertThat(report.rejections()).singleElement().satisfies(r -> assertThat(r.reason())
                .isEqualTo("line 5: the post has no message and no attachments with text"));
    }
}
