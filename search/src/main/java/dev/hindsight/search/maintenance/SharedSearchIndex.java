package dev.hindsight.search.maintenance;

import org.jspecify.annotations.Nullable;

/**
 * A search index outside this node that follows the database (OpenSearch, when configured), as maintenance sees it:
 * how far it has got, why it is behind, and a rebuild that swaps in a fresh copy.
 */
public interface SharedSearchIndex {

    /** What and where it is, e.g. {@code OpenSearch http://search:9200, alias hindsight-events}. */
    String describe();

    /** The highest database sequence it holds. */
    long indexedSequence();

    /** Why it is behind, while it is. */
    @Nullable
    String lastError();

    /** Builds a fresh copy from the database beside the live one and swaps it in; returns the new copy's name. */
    String rebuild();
}
