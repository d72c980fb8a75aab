package dev.hindsight.web.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Settings of earlier releases under their new names, so an existing configuration keeps working: each module now
 * reads its settings from its own prefix ({@code hindsight.search.*}, {@code hindsight.reporting.*},
 * {@code hindsight.web.*}). A new name set explicitly wins over an old one.
 */
public class LegacyPropertyNames implements EnvironmentPostProcessor {

    /** Old prefix or name, new prefix or name. */
    static final Map<String, String> RENAMED = Map.of(
            "hindsight.timeline.", "hindsight.search.timeline.",
            "hindsight.ingest.min-free-disk", "hindsight.search.min-free-disk",
            "hindsight.jira.", "hindsight.reporting.jira.",
            "hindsight.samples.enabled", "hindsight.web.samples",
            "hindsight.hooks.max-per-minute", "hindsight.web.hooks-per-minute");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> renamed = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    String now = newName(name);
                    if (now != null && !renamed.containsKey(now) && environment.getProperty(now) == null) {
                        renamed.put(now, enumerable.getProperty(name));
                    }
                }
            }
        }
        if (!renamed.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("hindsight-legacy-names", renamed));
        }
    }

    /** The new name of an old property or environment variable ({@code HINDSIGHT_JIRA_TOKEN}), else null. */
    static @Nullable String newName(String name) {
        for (Map.Entry<String, String> rename : RENAMED.entrySet()) {
            String old = rename.getKey();
            String env = old.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
            if (old.endsWith(".") ? name.startsWith(old) : name.equals(old)) {
                return rename.getValue() + name.substring(old.length());
            }
            if (old.endsWith(".") ? name.startsWith(env) : name.equals(env)) {
                return rename.getValue() + name.substring(env.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            }
        }
        return null;
    }
}
