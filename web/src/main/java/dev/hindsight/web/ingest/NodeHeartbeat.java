package dev.hindsight.web.ingest;

import dev.hindsight.search.maintenance.StoreMaintenance;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A serving node makes itself known to the others on the same database once it is ready (commands do not). */
@Component
@ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
class NodeHeartbeat {

    private final StoreMaintenance maintenance;

    NodeHeartbeat(StoreMaintenance maintenance) {
        this.maintenance = maintenance;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        maintenance.announceThisNode();
    }
}
