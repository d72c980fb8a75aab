/**
 * The application: UI, REST API and command line, by feature (incidents, timeline, search, postmortems, actions,
 * dashboard, ingest, admin), each package holding its REST controller, its pages and its command; security, support
 * and cli are what the features share. The only module allowed to depend on all the others, and only through their
 * APIs.
 */
@ApplicationModule(displayName = "Web: the application (UI, REST API, command line)")
@NullMarked
package dev.hindsight.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
