/** Webhook endpoints: Alertmanager, Grafana, PagerDuty (signed), Statuspage, generic JSON. */
@NullMarked
package dev.hindsight.web.hooks;

import org.jspecify.annotations.NullMarked;
