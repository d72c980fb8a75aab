package dev.hindsight.core.store;

/**
 * The outcome of a durable append.
 *
 * @param accepted events that were new and are now stored
 * @param duplicates events whose id was already stored (or repeated inside the batch)
 * @param lastSequence the store's highest sequence after this append
 */
public record AppendResult(int accepted, int duplicates, long lastSequence) {}
