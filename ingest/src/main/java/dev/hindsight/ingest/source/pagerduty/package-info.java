/** PagerDuty: REST log entries and incidents, and v3 webhook events. */
@NullMarked
package dev.hindsight.ingest.source.pagerduty;

import org.jspecify.annotations.NullMarked;
