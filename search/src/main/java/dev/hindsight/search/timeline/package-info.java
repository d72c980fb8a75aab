/**
 * The timeline engine: from the events around an incident to the timeline a commander would write, with key moments,
 * response metrics, storylines and findings, and the reason for every choice.
 */
@NullMarked
package dev.hindsight.search.timeline;

import org.jspecify.annotations.NullMarked;
