package dev.hindsight.web.reminders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The server's reminder schedule: at the top of every hour, the people whose chosen hour it is get their digest, and
 * at {@code hindsight.reminders.channel-hour} the team channels get theirs. A run that fails is logged and the next
 * hour's runs as usual.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "hindsight.mode", havingValue = "serve")
class ReminderSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReminderSchedule.class);

    private final Reminders reminders;

    ReminderSchedule(Reminders reminders) {
        this.reminders = reminders;
    }

    @Scheduled(cron = "${hindsight.reminders.cron:0 0 * * * *}")
    void hourly() {
        try {
            Reminders.Run run = reminders.run(false);
            if (!run.sent().isEmpty() || !run.failed().isEmpty()) {
                log.info("Reminders: {} sent, {} failed", run.sent().size(), run.failed().size());
            }
        } catch (RuntimeException e) {
            log.warn("The reminder run failed; the next hour's runs as usual", e);
        }
    }
}
