package dev.hindsight.web;

import dev.hindsight.core.store.DataRoot;
import dev.hindsight.core.store.ModuleSchema;
import dev.hindsight.web.samples.SampleSettings;
import dev.hindsight.web.security.WebhookLimit;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds the application's settings once and hands each part to the feature that uses it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class WebConfiguration {

    @Bean
    DataRoot dataRoot(WebProperties props) {
        return new DataRoot(props.data());
    }

    @Bean
    SampleSettings sampleSettings(WebProperties props) {
        return new SampleSettings(props.web().samples());
    }

    @Bean
    WebhookLimit webhookLimit(WebProperties props) {
        return new WebhookLimit(props.web().hooksPerMinute());
    }

    /** Users, API tokens and the audit log; after the store's tables. */
    @Bean
    ModuleSchema webSchema() {
        return new ModuleSchema("web", "classpath:db/web", 2, List.of("3"));
    }
}
