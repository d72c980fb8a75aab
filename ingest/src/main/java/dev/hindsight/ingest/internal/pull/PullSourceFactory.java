package dev.hindsight.ingest.internal.pull;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.ingest.internal.registry.SourceRegistry;
import dev.hindsight.ingest.spi.PullKind;
import dev.hindsight.ingest.spi.PullSource;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Builds pull sources from their settings, whether they come from properties (already bound) or from the API (JSON,
 * bound exactly like the properties), through the kind the settings belong to.
 */
@Component
public class PullSourceFactory {

    private final SourceRegistry registry;
    private final PullKind.Context context;

    PullSourceFactory(SourceRegistry registry, Clock clock) {
        this.registry = registry;
        this.context = new PullKind.Context(clock);
    }

    /** A source from settings bound from properties. */
    public PullSource create(Object settings) {
        PullKind<?> kind = registry.pullKindOf(settings.getClass())
                .orElseThrow(() -> new IllegalStateException("no pull kind takes " + settings.getClass()));
        return createTyped(kind, settings);
    }

    /** Settings of a kind from JSON (the property names), checked and bound. */
    public Bound bind(String kind, JsonNode settings) {
        PullKind<?> type = registry.pullKind(kind.toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidInputException(
                "unknown source kind '" + kind + "'; one of " + registry.pullKinds()));
        if (settings == null || !settings.isObject()) {
            throw new InvalidInputException("settings must be an object");
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        settings.properties().forEach(e -> flat.put("source." + e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString()));
        try {
            Object bound = new Binder(new MapConfigurationPropertySource(flat)).bind("source",
                    Bindable.of(type.settings())).orElseThrow(() -> new InvalidInputException("settings are empty"));
            return new Bound(type, bound);
        } catch (BindException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InvalidInputException("invalid " + kind + " settings: " + cause.getMessage());
        }
    }

    /** Settings bound to their kind. */
    public record Bound(PullKind<?> kind, Object settings) {
        public List<PullKind.Target> targets() {
            return targetsTyped(kind, settings);
        }
    }

    public PullSource create(Bound bound) {
        return createTyped(bound.kind(), bound.settings());
    }

    public List<String> kinds() {
        return registry.pullKinds();
    }

    @SuppressWarnings("unchecked")
    private <S> PullSource createTyped(PullKind<S> kind, Object settings) {
        return kind.create((S) settings, context);
    }

    @SuppressWarnings("unchecked")
    private static <S> List<PullKind.Target> targetsTyped(PullKind<S> kind, Object settings) {
        return kind.targets((S) settings);
    }
}
