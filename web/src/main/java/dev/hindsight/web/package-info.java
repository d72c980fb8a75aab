/**
 * The application: UI, REST API, command line, security and wiring of the other modules. The only module allowed to
 * depend on all the others.
 */
@NullMarked
package dev.hindsight.web;

import org.jspecify.annotations.NullMarked;
