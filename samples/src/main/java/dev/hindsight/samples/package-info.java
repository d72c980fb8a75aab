/**
 * Sample incidents as the raw files their tools would have left behind: the LastPass outage of 12 August 2014 and a
 * smaller bad-deploy incident. Every fact of the LastPass sample comes from the company's own account of the outage.
 */
@ApplicationModule(displayName = "Samples: sample incidents and the synthetic generator", allowedDependencies = "core")
@NullMarked
package dev.hindsight.samples;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
