/** Chat logs other than Slack: Mattermost bulk exports, Microsoft Teams (Graph), IRC logs. */
@NullMarked
package dev.hindsight.ingest.source.chat;

import org.jspecify.annotations.NullMarked;
