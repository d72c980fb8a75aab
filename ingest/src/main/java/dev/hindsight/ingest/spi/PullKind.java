package dev.hindsight.ingest.spi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A kind of pull source a family offers ({@code pagerduty}, {@code imap}...), with the settings it takes. Settings come
 * from application properties ({@code hindsight.ingest.pull.<kind>[i].*}) or from the API (the same names as JSON),
 * and are bound to {@link #settings()}.
 *
 * @param <S> the settings record
 */
public interface PullKind<S> {

    /** The kind's name, also the first part of each source's name ({@code pagerduty:main}). */
    String kind();

    Class<S> settings();

    /** A source reading with these settings. */
    PullSource create(S settings, Context context);

    /**
     * Where a source with these settings reaches: the hosts of its URLs and the folders it reads. A source added
     * through the API may reach only allowed hosts and folders.
     */
    List<Target> targets(S settings);

    /** A kind from its parts. */
    static <S> PullKind<S> of(String kind, Class<S> settings, BiFunction<S, Context, PullSource> create,
            Function<S, List<Target>> targets) {
        return new PullKind<>() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Class<S> settings() {
                return settings;
            }

            @Override
            public PullSource create(S s, Context context) {
                return create.apply(s, context);
            }

            @Override
            public List<Target> targets(S s) {
                return targets.apply(s);
            }
        };
    }

    /** What creating a source may need besides its settings. */
    record Context(Clock clock) {}

    /** A place a source reaches. */
    sealed interface Target {
        record Url(URI url) implements Target {}

        record Host(String host) implements Target {}

        record Folder(Path path) implements Target {}
    }
}
