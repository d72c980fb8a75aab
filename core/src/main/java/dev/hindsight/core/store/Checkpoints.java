package dev.hindsight.core.store;

import java.util.Optional;

/** Reads the positions pull sources have durably reached; they are written with their events by {@link EventSink}. */
public interface Checkpoints {

    Optional<String> position(String partition);
}
