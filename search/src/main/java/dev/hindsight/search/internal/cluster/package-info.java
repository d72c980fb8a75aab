/**
 * Several nodes on one database: which database is shared (PostgreSQL: other nodes may write to it), and each node's
 * heartbeat with its index position, for the ingest page.
 */
@NullMarked
package dev.hindsight.search.internal.cluster;

import org.jspecify.annotations.NullMarked;
