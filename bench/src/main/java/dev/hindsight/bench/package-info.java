/** Benchmarks of the whole product beside same-run baselines; prints a Markdown table. */
@NullMarked
package dev.hindsight.bench;

import org.jspecify.annotations.NullMarked;
