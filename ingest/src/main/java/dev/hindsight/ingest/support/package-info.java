/** What decoders and pull sources share: bounded JSON and line reading, timestamps, titles, HTTP for pulls. */
@NullMarked
package dev.hindsight.ingest.support;

import org.jspecify.annotations.NullMarked;
