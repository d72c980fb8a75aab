/**
 * JMH micro-benchmarks of the hot paths in isolation (search with facets, timeline assembly), run with
 * {@code ./benchmark --jmh}: forked JVMs, warm-up and error bars, for before/after comparisons of one change.
 */
@NullMarked
package dev.hindsight.bench.micro;

import org.jspecify.annotations.NullMarked;
