/** The decoder SPI: a format turns a source file into events, skips and rejections, streaming. */
@NullMarked
package dev.hindsight.ingest.spi;

import org.jspecify.annotations.NullMarked;
