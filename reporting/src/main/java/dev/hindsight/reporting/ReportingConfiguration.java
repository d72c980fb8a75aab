package dev.hindsight.reporting;

import dev.hindsight.core.store.ModuleSchema;
import dev.hindsight.reporting.actions.JiraSettings;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reporting module's settings and tables. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingProperties.class)
class ReportingConfiguration {

    /** Post-mortems, their versions and templates, action items and their history; after the incidents they cite. */
    @Bean
    ModuleSchema reportingSchema() {
        return new ModuleSchema("reporting", "classpath:db/reporting", 4, List.of("6", "7", "8"));
    }

    @Bean
    JiraSettings jiraSettings(ReportingProperties props) {
        return props.jira();
    }
}
