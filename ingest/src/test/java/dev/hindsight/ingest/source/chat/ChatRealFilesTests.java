package dev.hindsight.ingest.source.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.core.event.Event;
import dev.hindsight.ingest.source.RealFiles;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Teams messages from Microsoft Graph's documentation, Mattermost exports from Zulip's importer tests: lists of
 * messages and single messages, image-only and card-only messages, replies with their thread.
 */
class ChatRealFilesTests {

    @Test
    void teamsMessagesWithoutWordsShowWhatTheyHoldAndRepliesKeepTheirThread() {
        RealFiles.Imported images = RealFiles
                .importing("teams/graphdocs-v1.0-chat-list-messages-imageonly-systemevent.json");
        assertThat(images.rejections()).isEmpty();
        assertThat(images.report().skipped()).isEqualTo(1); // the system event
        assertThat(images.events()).extracting(Event::title).containsExactly("Hello world", "[image]");

        RealFiles.Imported card = RealFiles
                .importing("teams/graphdocs-ptBR-beta-chatmessage-get-bot-attachment-only.json");
        assertThat(card.events()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("[card]");
            assertThat(e.actor()).isEqualTo("TestBot");
        });

        RealFiles.Imported reply = RealFiles.importing("teams/graphdocs-v1.0-chatmessage-get-channel-reply.json");
        assertThat(reply.events()).singleElement().satisfies(e -> {
            assertThat(e.labels()).containsEntry("thread", "1612509044972")
                    .containsEntry("channel", "19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2");
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2021-02-18T18:02:28.387Z"));
        });

        RealFiles.Imported replies = RealFiles.importing("teams/graphdocs-channel-list-messagereplies-beta.json");
        assertThat(replies.events()).hasSize(2).allSatisfy(e -> assertThat(e.labels()).containsKey("thread"));
        assertThat(replies.events()).extracting(Event::title).allSatisfy(t -> assertThat(t).doesNotContain("\u00A0"));
    }

    @Test
    void mattermostExportsReadEveryPostAndReply() {
        RealFiles.Imported export = RealFiles.importing("mattermost/zulip-export.json");
        assertThat(export.rejections()).isEmpty();
        assertThat(export.events()).hasSize(21);
        assertThat(export.events()).anySatisfy(e -> {
            assertThat(e.title()).isEqualTo("The weather is so hot!");
            assertThat(e.actor()).isEqualTo("ron");
            assertThat(e.labels()).containsEntry("channel", "dumbledores-army");
        });
        RealFiles.Imported direct = RealFiles.importing("mattermost/zulip-direct_channel-export.json");
        assertThat(direct.rejections()).isEmpty();
        assertThat(direct.events()).anySatisfy(e -> assertThat(e.labels().get("channel")).startsWith("dm:"));
    }
}
