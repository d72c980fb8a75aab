/**
 * The event search port on an OpenSearch cluster, for installations past one machine: {@link
 * dev.hindsight.search.opensearch.OpenSearchEventSearch} answers the same queries as the embedded index (the bounded
 * parser's tree, translated), and {@link dev.hindsight.search.opensearch.OpenSearchFeed} keeps the cluster's index
 * following the database's sequence. Chosen with {@code hindsight.search.engine=opensearch}.
 */
@NullMarked
package dev.hindsight.search.opensearch;

import org.jspecify.annotations.NullMarked;
