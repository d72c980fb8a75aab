package dev.hindsight.ingest.source.chat;

import dev.hindsight.ingest.spi.FormatDecoder;
import dev.hindsight.ingest.spi.SourceFamily;
import java.util.List;
import org.springframework.stereotype.Component;

/** Team chat other than Slack: Mattermost bulk exports, Microsoft Teams (Graph) message pages, IRC logs. */
@Component
class ChatFamily implements SourceFamily {

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public List<FormatDecoder> decoders() {
        return List.of(new MattermostDecoder(), new TeamsDecoder(), new IrcDecoder());
    }
}
