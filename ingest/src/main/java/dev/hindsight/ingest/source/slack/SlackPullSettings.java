package dev.hindsight.ingest.source.slack;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** One Slack channel's history, read by a pull source ({@code hindsight.ingest.pull.slack[i].*}). */
public record SlackPullSettings(String name, @DefaultValue("https://slack.com/api") URI baseUrl, String token,
        String channel, @Nullable String channelName, @DefaultValue("PT1M") Duration interval) {}
