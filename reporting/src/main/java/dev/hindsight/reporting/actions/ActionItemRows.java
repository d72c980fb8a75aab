package dev.hindsight.reporting.actions;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.store.SearchableRecords;
import dev.hindsight.core.text.Texts;
import dev.hindsight.reporting.actions.ActionItem.Priority;
import dev.hindsight.reporting.actions.ActionItem.Status;
import dev.hindsight.reporting.actions.ActionItem.Type;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Action items in the database; every change of a field is kept with who made it. */
@Repository
class ActionItemRows {

    /** The most items one list returns. */
    public static final int MAX_LIST = 5_000;

    private static final String COLUMNS = "id, incident_key, title, lesson, owner, team, type, priority, due_date, status, tracker_key,"
            + " created_at, updated_at, closed_at, tracker_synced_at, tracker_sync_error";

    private final JdbcTemplate jdbc;
    private final SearchableRecords records;
    private final Clock clock;

    ActionItemRows(JdbcTemplate jdbc, Clock clock, SearchableRecords records) {
        this.records = records;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    ActionItem open(NewActionItem item, String actor) {
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement(
                    "insert into action_item (incident_key, title, lesson, owner, team, type, priority, due_date,"
                            + " status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[]{"id"});
            ps.setString(1, item.incidentKey());
            ps.setString(2, item.title().strip());
            ps.setString(3, item.lesson());
            ps.setString(4, blankToNull(item.owner()));
            ps.setString(5, blankToNull(item.team()));
            ps.setString(6, item.type().name());
            ps.setString(7, item.priority().name());
            ps.setObject(8, item.dueDate() == null ? null : Date.valueOf(item.dueDate()));
            ps.setString(9, Status.OPEN.name());
            ps.setObject(10, now.atOffset(ZoneOffset.UTC));
            ps.setObject(11, now.atOffset(ZoneOffset.UTC));
            return ps;
        }, key);
        long id = Objects.requireNonNull(key.getKey()).longValue();
        record(id, "created", null, item.title(), actor, now);
        return indexed(find(id).orElseThrow());
    }

    ActionItem change(long id, ActionItems.Change change, String actor) {
        ActionItem before = find(id).orElseThrow(() -> new NotFoundException("no action item " + id));
        Instant now = clock.instant();
        List<Object[]> sets = new ArrayList<>();
        diff(sets, id, "title", before.title(), change.title() == null ? null : requireTitle(change.title()), actor,
                now);
        diff(sets, id, "owner", before.owner(), change.owner(), actor, now);
        diff(sets, id, "team", before.team(), change.team(), actor, now);
        diff(sets, id, "type", before.type().name(), change.type() == null ? null : change.type().name(), actor, now);
        diff(sets, id, "priority", before.priority().name(),
                change.priority() == null ? null : change.priority().name(), actor, now);
        diff(sets, id, "due_date", before.dueDate() == null ? null : before.dueDate().toString(),
                change.dueDate() == null ? null : validDate(change.dueDate()), actor, now);
        diff(sets, id, "status", before.status().name(), change.status() == null ? null : change.status().name(), actor,
                now);
        diff(sets, id, "tracker_key", before.trackerKey(), change.trackerKey(), actor, now);
        for (Object[] set : sets) {
            String column = (String) set[0];
            Object value = set[1];
            if (column.equals("due_date") && value != null) {
                value = Date.valueOf(LocalDate.parse((String) value));
            }
            jdbc.update("update action_item set " + column + " = ?, updated_at = ? where id = ?", value,
                    now.atOffset(ZoneOffset.UTC), id);
        }
        if (change.status() != null && change.status() != before.status()) {
            jdbc.update("update action_item set closed_at = ? where id = ?",
                    change.status().closed() ? now.atOffset(ZoneOffset.UTC) : null, id);
        }
        return indexed(find(id).orElseThrow());
    }

    private void diff(List<Object[]> sets, long id, String column, @Nullable String before, @Nullable String requested,
            String actor, Instant now) {
        if (requested == null) {
            return;
        }
        String after = blankToNull(requested);
        if (!Objects.equals(before, after)) {
            sets.add(new Object[]{column, after});
            record(id, column, before, after, actor, now);
        }
    }

    private ActionItem indexed(ActionItem item) {
        records.put(ActionItemRecords.of(item));
        return item;
    }

    java.util.Optional<ActionItem> find(long id) {
        return jdbc.query("select " + COLUMNS + " from action_item where id = ?", (rs, i) -> item(rs), id).stream()
                .findFirst();
    }

    /** Items the filter selects, leaving out those of incidents hidden from the viewer; soonest due first. */
    List<ActionItem> list(ActionItems.Filter filter, Set<String> hiddenIncidents) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (filter.incidentKey() != null) {
            where.append(" and incident_key = ?");
            args.add(filter.incidentKey());
        }
        if (filter.owner() != null) {
            where.append(" and owner = ?");
            args.add(filter.owner());
        }
        if (filter.team() != null) {
            where.append(" and team = ?");
            args.add(filter.team());
        }
        if (filter.overdueOnly() || filter.openOnly()) {
            where.append(" and status in ('OPEN', 'IN_PROGRESS')");
        }
        if (filter.overdueOnly()) {
            where.append(" and due_date < ?");
            args.add(Date.valueOf(today()));
        }
        List<ActionItem> items = jdbc.query("select " + COLUMNS + " from action_item" + where
                + " order by case when due_date is null then 1 else 0 end, due_date, id fetch first " + MAX_LIST
                + " rows only",
                (rs, i) -> item(rs), args.toArray());
        return items.stream().filter(i -> !hiddenIncidents.contains(i.incidentKey())).toList();
    }

    List<ActionItems.FieldChange> history(long id) {
        return jdbc.query(
                "select field, old_value, new_value, actor, changed_at from action_item_change where item_id = ? order by id",
                (rs, i) -> new ActionItems.FieldChange(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()),
                id);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    Instant now() {
        return clock.instant();
    }

    /** Notes an exchange with the tracker: when it succeeded, or why it failed (the last success time is kept). */
    void trackerSync(long id, @Nullable String error) {
        if (error == null) {
            jdbc.update("update action_item set tracker_synced_at = ?, tracker_sync_error = null where id = ?",
                    clock.instant().atOffset(ZoneOffset.UTC), id);
        } else {
            jdbc.update("update action_item set tracker_sync_error = ? where id = ?", Texts.clip(error, 500), id);
        }
        indexed(find(id).orElseThrow());
    }

    /** The item tracked by that issue, if any. */
    Optional<ActionItem> findByTrackerKey(String trackerKey) {
        return jdbc.query("select " + COLUMNS + " from action_item where tracker_key = ?", (rs, i) -> item(rs),
                trackerKey).stream().findFirst();
    }

    private void record(long id, String field, @Nullable String from, @Nullable String to, String actor, Instant at) {
        jdbc.update(
                "insert into action_item_change (item_id, field, old_value, new_value, actor, changed_at) values (?, ?, ?, ?, ?, ?)",
                id, field, from, to, actor, at.atOffset(ZoneOffset.UTC));
    }

    private static ActionItem item(ResultSet rs) throws SQLException {
        Date due = rs.getDate(9);
        OffsetDateTime closed = rs.getObject(14, OffsetDateTime.class);
        OffsetDateTime synced = rs.getObject(15, OffsetDateTime.class);
        return new ActionItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6),
                Type.valueOf(rs.getString(7)), Priority.valueOf(rs.getString(8)),
                due == null ? null : due.toLocalDate(),
                Status.valueOf(rs.getString(10)), rs.getString(11), rs.getObject(12, OffsetDateTime.class).toInstant(),
                rs.getObject(13, OffsetDateTime.class).toInstant(), closed == null ? null : closed.toInstant(),
                synced == null ? null : synced.toInstant(), rs.getString(16));
    }

    private static String requireTitle(String title) {
        if (title.isBlank() || title.length() > 500) {
            throw new InvalidInputException("an action item needs a title of 1 to 500 characters");
        }
        return title.strip();
    }

    private static String validDate(String date) {
        if (date.isBlank()) {
            return date;
        }
        try {
            return LocalDate.parse(date).toString();
        } catch (RuntimeException e) {
            throw new InvalidInputException("a due date is written YYYY-MM-DD, not \"" + date + "\"");
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
