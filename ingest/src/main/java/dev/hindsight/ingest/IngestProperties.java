package dev.hindsight.ingest;

import dev.hindsight.ingest.internal.files.FolderPullSettings;
import dev.hindsight.ingest.source.pagerduty.PagerDutyPullSettings;
import dev.hindsight.ingest.source.pagerduty.PagerDutyWebhookSettings;
import dev.hindsight.ingest.source.rfo.ImapPullSettings;
import dev.hindsight.ingest.source.slack.SlackPullSettings;
import dev.hindsight.ingest.source.statuspage.StatuspagePullSettings;
import java.util.List;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ingest module ({@code hindsight.ingest.*}): the pull sources an operator configures (e.g.
 * {@code hindsight.ingest.pull.pagerduty[0].name=main}, {@code ...token=...}; names unique per kind), where sources
 * added through the API may reach, and PagerDuty's webhook secrets.
 */
@ConfigurationProperties("hindsight.ingest")
record IngestProperties(@DefaultValue Pull pull,
        @DefaultValue @NestedConfigurationProperty PagerDutyWebhookSettings pagerduty) {

    /**
     * @param pagerduty PagerDuty accounts whose incident log entries are pulled
     * @param slack Slack channels whose history is pulled
     * @param imap mailboxes whose provider notices are pulled
     * @param statuspage status pages whose incidents are pulled
     * @param folders folders watched for files to import
     * @param allowedHosts hosts a source added through the API may reach (exactly, or under a {@code *.} entry)
     * @param allowedFolders folders a watched folder added through the API may be under
     */
    record Pull(@DefaultValue List<PagerDutyPullSettings> pagerduty, @DefaultValue List<SlackPullSettings> slack,
            @DefaultValue List<ImapPullSettings> imap, @DefaultValue List<StatuspagePullSettings> statuspage,
            @DefaultValue List<FolderPullSettings> folders,
            @DefaultValue({
                    "api.pagerduty.com", "slack.com"}) List<String> allowedHosts,
            @DefaultValue List<String> allowedFolders) {

        List<Object> configured() {
            return java.util.stream.Stream.of(pagerduty, slack, imap, statuspage, folders)
                    .<Object>flatMap(List::stream).toList();
        }
    }
}
