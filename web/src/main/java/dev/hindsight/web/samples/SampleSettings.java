package dev.hindsight.web.samples;

/**
 * Whether a first start loads the sample incidents ({@code hindsight.web.samples}, {@code serve --no-samples}).
 *
 * @param enabled load them when the data directory is empty
 */
public record SampleSettings(boolean enabled) {}
