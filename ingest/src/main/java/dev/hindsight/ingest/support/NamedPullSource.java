package dev.hindsight.ingest.support;

import dev.hindsight.ingest.spi.PullSource;
import java.time.Duration;

/** What every pull source has: its {@code kind:name} (also its checkpoint partition) and its interval. */
public abstract class NamedPullSource implements PullSource {

    protected final String name;
    private final Duration interval;

    protected NamedPullSource(String kind, String name, Duration interval) {
        this.name = kind + ":" + name;
        this.interval = interval;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Duration interval() {
        return interval;
    }
}
