package dev.hindsight.web.reminders;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.web.support.Zones;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Each person's reminder settings: on or off, the hour of their digest, in their zone. */
@Component
public class ReminderSettings {

    /** What a person gets unless they choose otherwise: a digest at 8 in the morning, UTC. */
    public static final Setting DEFAULT = new Setting(true, 8, "UTC");

    private final JdbcTemplate jdbc;

    ReminderSettings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Setting(boolean enabled, int hour, String zone) {}

    public Setting of(String username) {
        List<Setting> found = jdbc.query("select enabled, hour_of_day, zone from reminder_setting where username = ?",
                (rs, i) -> new Setting(rs.getBoolean(1), rs.getInt(2), rs.getString(3)), username);
        return found.isEmpty() ? DEFAULT : found.get(0);
    }

    public Setting save(String username, Setting setting) {
        if (setting.hour() < 0 || setting.hour() > 23) {
            throw new InvalidInputException("the hour is 0 to 23, not " + setting.hour());
        }
        String zone = Zones.parse(setting.zone()).getId();
        if (jdbc.update("update reminder_setting set enabled = ?, hour_of_day = ?, zone = ? where username = ?",
                setting.enabled(), setting.hour(), zone, username) == 0) {
            jdbc.update("insert into reminder_setting (username, enabled, hour_of_day, zone) values (?, ?, ?, ?)",
                    username, setting.enabled(), setting.hour(), zone);
        }
        return new Setting(setting.enabled(), setting.hour(), zone);
    }
}
