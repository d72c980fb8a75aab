package dev.hindsight.ingest.source.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.store.InMemoryEventSink;
import dev.hindsight.ingest.files.ImportOptions;
import dev.hindsight.ingest.files.ImportProgress;
import dev.hindsight.ingest.files.ImportReport;
import dev.hindsight.ingest.internal.files.FileImporter;
import dev.hindsight.ingest.source.Fixtures;
import dev.hindsight.ingest.spi.DecodeContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack as real workspaces export it (slack-export-viewer's test archive) and as the API returns Block Kit messages
 * (Zulip's importer fixture): integration posts read as what their attachments say, bot installs skipped, names
 * resolved from the export.
 */
class SlackRealFilesTests {

    @Test
    void aRealExportReadsBotPostsByTheirAttachmentsAndNamesPeople() {
        Path export = Fixtures.resource("realfiles/slack/sev-testarchive");
        InMemoryEventSink sink = new InMemoryEventSink();
        ImportReport report = new FileImporter(sink, Fixtures.registry()).importPaths(List.of(export),
                ImportOptions.defaults().namingRelativeTo(export.getParent()), Viewer.SYSTEM,
                ImportProgress.Listener.NONE);

        assertThat(report.rejections()).isEmpty();
        assertThat(sink.events()).hasSize(33); // 34 messages; the bot install is skipped
        assertThat(report.skipped()).isEqualTo(1 + 3); // bot_add, and users/channels/integration_logs read for names
        Event commit = sink.events().stream().filter(e -> "bot_message".equals(e.labels().get("subtype")))
                .findFirst().orElseThrow();
        assertThat(commit.title()).isEqualTo("[enrique:master] 1 new commit by Anthony Bilinski:");
        assertThat(commit.text()).contains("https://github.com/mesos-magellan/enrique/commit/ed1acbe983");
        assertThat(sink.events()).filteredOn(e -> e.labels().get("subtype") == null).extracting(Event::actor)
                .contains("hamza", "doubledeez", "heroeshannibal").doesNotContain("U0BMQB6JE");
        assertThat(sink.events()).allSatisfy(e -> assertThat(e.labels()).containsEntry("channel", "#enrique")
                .containsEntry("channel_id", "C0JGLMMNX"));
        assertThat(sink.events().getFirst().title()).startsWith("@abilinski: ");
    }

    @Test
    void aMessageWithoutTextReadsAsItsBlocks() throws Exception {
        ObjectNode message = (ObjectNode) JsonMapper.builder().build().readTree(Files.readString(
                Fixtures.resource("realfiles/slack/zulip-message_with_varying_block_types.json")));
        message.put("text", "");

        Event event = SlackExportDecoder.decodeMessage(message, "blocks#0", "C1", "ops", Map.of(),
                DecodeContext.utc());

        assertThat(event).isNotNull();
        assertThat(event.text()).contains("Hello there, I am a basic rich text block!", "This is a header block");
        assertThat(event.title()).isEqualTo("Hello there, I am a basic rich text block!");
    }
}
