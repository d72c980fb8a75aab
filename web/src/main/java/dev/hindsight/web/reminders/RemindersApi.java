package dev.hindsight.web.reminders;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.CurrentViewer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reminders over REST: run them now ({@code actions remind}), the delivery record, each person's settings. */
@RestController
class RemindersApi {

    private final Reminders reminders;
    private final Deliveries deliveries;
    private final ReminderSettings settings;
    private final Accounts accounts;

    RemindersApi(Reminders reminders, Deliveries deliveries, ReminderSettings settings, Accounts accounts) {
        this.reminders = reminders;
        this.deliveries = deliveries;
        this.settings = settings;
        this.accounts = accounts;
    }

    /** Sends every reminder due now, as the schedule would at everyone's hour. */
    @PostMapping("/api/actions/remind")
    Reminders.Run remind() {
        return reminders.run(true);
    }

    @GetMapping("/api/admin/reminders")
    List<Deliveries.Delivery> deliveries(@RequestParam(defaultValue = "100") int limit) {
        return deliveries.recent(limit);
    }

    @GetMapping("/api/me/reminders")
    ReminderSettings.Setting mine() {
        return settings.of(self());
    }

    record SettingChange(@Nullable Boolean enabled, @Nullable Integer hour, @Nullable String zone) {}

    @PutMapping("/api/me/reminders")
    ReminderSettings.Setting change(@RequestBody SettingChange body) {
        ReminderSettings.Setting now = settings.of(self());
        return settings.save(self(), new ReminderSettings.Setting(
                body.enabled() != null ? body.enabled() : now.enabled(),
                body.hour() != null ? body.hour() : now.hour(),
                body.zone() != null ? body.zone() : now.zone()));
    }

    private String self() {
        String name = CurrentViewer.actor();
        if (accounts.findUser(name).isEmpty()) {
            throw new InvalidInputException(name + " is a token of no user: it gets no reminders");
        }
        return name;
    }
}
