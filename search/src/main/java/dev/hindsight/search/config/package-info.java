/** Configuration of the store and its wiring. */
@NullMarked
package dev.hindsight.search.config;

import org.jspecify.annotations.NullMarked;
