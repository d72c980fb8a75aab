/** Webhook bodies as other modules hand them in: {@link dev.hindsight.ingest.webhooks.Webhooks}. */
@NamedInterface("webhooks")
@NullMarked
package dev.hindsight.ingest.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
