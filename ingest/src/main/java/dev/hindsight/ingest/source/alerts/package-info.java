/** Monitoring alerts: Prometheus Alertmanager and Grafana webhook notifications. */
@NullMarked
package dev.hindsight.ingest.source.alerts;

import org.jspecify.annotations.NullMarked;
