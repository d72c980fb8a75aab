package dev.hindsight.web.reminders;

import dev.hindsight.core.store.ClusterJobs;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The server's reminder schedule: at the top of every hour, the people whose chosen hour it is get their digest, and
 * at {@code hindsight.reminders.channel-hour} the team channels get theirs. A run that fails is logged and the next
 * hour's runs as usual. However many nodes serve, one of them takes each hour's run; the others skip it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
class ReminderSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReminderSchedule.class);

    /** Long enough that every node's cron has fired and skipped; short against the hour between runs. */
    private static final Duration HOLD_AT_LEAST = Duration.ofMinutes(5);

    private static final Duration HOLD_AT_MOST = Duration.ofMinutes(50);

    private final Reminders reminders;
    private final ClusterJobs jobs;

    ReminderSchedule(Reminders reminders, ClusterJobs jobs) {
        this.reminders = reminders;
        this.jobs = jobs;
    }

    @Scheduled(cron = "${hindsight.reminders.cron:0 0 * * * *}")
    void hourly() {
        try {
            jobs.runExclusively("reminders", HOLD_AT_LEAST, HOLD_AT_MOST, () -> {
                Reminders.Run run = reminders.run(false);
                if (!run.sent().isEmpty() || !run.failed().isEmpty()) {
                    log.info("Reminders: {} sent, {} failed", run.sent().size(), run.failed().size());
                }
            });
        } catch (RuntimeException e) {
            log.warn("The reminder run failed; the next hour's runs as usual", e);
        }
    }
}
