/**
 * Capture from chat while the incident happens: Slack's {@code /hindsight} slash command and "Add to incident
 * timeline" message shortcut, Mattermost's slash command. Each request proves where it came from (Slack's v0 request
 * signature within a five-minute window, Mattermost's command token); a channel is linked to one incident, and what is
 * captured there becomes a manual event of it with its author and permalink.
 */
@NullMarked
package dev.hindsight.web.chat;

import org.jspecify.annotations.NullMarked;
