package dev.hindsight.reporting;

import dev.hindsight.reporting.actions.JiraSettings;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reporting module ({@code hindsight.reporting.*}).
 *
 * @param jira where action items become Jira issues
 */
@ConfigurationProperties("hindsight.reporting")
record ReportingProperties(@DefaultValue @NestedConfigurationProperty JiraSettings jira) {}
