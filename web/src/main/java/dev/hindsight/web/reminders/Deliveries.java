package dev.hindsight.web.reminders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of reminders: one row per recipient, item and day. A run claims an item for a recipient and a day by
 * inserting its row (the unique key decides, so two nodes or a restart never send it twice); a failed delivery is
 * claimed again by a later run, up to {@link #MAX_ATTEMPTS} times.
 */
@Component
public class Deliveries {

    static final int MAX_ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Deliveries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A delivery as the admin page lists it. */
    public record Delivery(String recipient, long itemId, LocalDate day, String status, int attempts,
            @Nullable String error, Instant updatedAt) {}

    /** The items this run may send to the recipient today: new ones, and failed ones worth another try. */
    List<Long> claim(String recipient, List<Long> items, LocalDate day) {
        List<Long> claimed = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (long item : items) {
            int inserted;
            try {
                inserted = jdbc.update("insert into reminder_delivery (recipient, item_id, sent_on, status, attempts,"
                        + " updated_at) select ?, ?, ?, 'SENDING', 1, ? where not exists (select 1 from"
                        + " reminder_delivery where recipient = ? and item_id = ? and sent_on = ?)", recipient, item,
                        day,
                        now, recipient, item, day);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                inserted = 0; // another node claimed it between our check and our insert
            }
            if (inserted == 0) {
                inserted = jdbc.update("update reminder_delivery set status = 'SENDING', attempts = attempts + 1,"
                        + " updated_at = ? where recipient = ? and item_id = ? and sent_on = ? and status = 'FAILED'"
                        + " and attempts < ?", now, recipient, item, day, MAX_ATTEMPTS);
            }
            if (inserted > 0) {
                claimed.add(item);
            }
        }
        return claimed;
    }

    void done(String recipient, List<Long> items, LocalDate day, @Nullable String error) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (long item : items) {
            jdbc.update("update reminder_delivery set status = ?, error = ?, updated_at = ? where recipient = ?"
                    + " and item_id = ? and sent_on = ?", error == null ? "SENT" : "FAILED",
                    error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error, now, recipient,
                    item, day);
        }
    }

    public List<Delivery> recent(int limit) {
        return jdbc.query(
                "select recipient, item_id, sent_on, status, attempts, error, updated_at from reminder_delivery"
                        + " order by updated_at desc, id desc limit ?",
                (rs, i) -> new Delivery(rs.getString(1), rs.getLong(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getInt(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant()),
                Math.min(Math.max(limit, 1), 500));
    }

    static LocalDate today(Instant now, java.time.ZoneId zone) {
        return now.atZone(zone == null ? ZoneOffset.UTC : zone).toLocalDate();
    }
}
