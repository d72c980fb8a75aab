package dev.hindsight.web.chat;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which incident a chat channel is about: one per channel, replaced when the channel is linked again. */
@Component
class ChannelLinks {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ChannelLinks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<String> incidentOf(ChatRequest.Platform platform, String channelId) {
        List<String> keys = jdbc.queryForList(
                "select incident_key from chat_channel where platform = ? and channel_id = ?",
                String.class, platform.name(), channelId);
        return keys.stream().findFirst();
    }

    void link(ChatRequest.Platform platform, String channelId, String channelName, String incidentKey, String by) {
        int updated = jdbc.update("update chat_channel set incident_key = ?, channel_name = ?, linked_by = ?,"
                + " linked_at = ? where platform = ? and channel_id = ?", incidentKey, channelName, by,
                OffsetDateTime.now(clock), platform.name(), channelId);
        if (updated == 0) {
            jdbc.update("insert into chat_channel (platform, channel_id, channel_name, incident_key, linked_by,"
                    + " linked_at) values (?,?,?,?,?,?)", platform.name(), channelId, channelName, incidentKey, by,
                    OffsetDateTime.now(clock));
        }
    }
}
