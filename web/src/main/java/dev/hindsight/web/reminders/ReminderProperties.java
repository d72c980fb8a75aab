package dev.hindsight.web.reminders;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hindsight.reminders.*}: how far ahead a due date counts as due soon, where links point, when team summaries
 * go out, and the team channels.
 *
 * @param daysAhead items due within this many days are in a digest, beside the overdue ones
 * @param baseUrl the address people open Hindsight at, for the links back to each item
 * @param channelHour the hour (UTC) team channels get their summary
 * @param from the sender of reminder e-mails
 * @param channels each team's chat channel, which gets the team's summary
 */
@ConfigurationProperties("hindsight.reminders")
public record ReminderProperties(
        @DefaultValue("3") int daysAhead,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("9") int channelHour,
        @DefaultValue("hindsight@localhost") String from,
        @DefaultValue List<Channel> channels) {

    /**
     * A team's chat channel.
     *
     * @param type {@code slack}, {@code teams} or {@code mattermost}: the incoming-webhook payload to send
     * @param url the incoming webhook's URL (a secret: never shown, never logged)
     */
    public record Channel(String team, String type, String url) {}
}
