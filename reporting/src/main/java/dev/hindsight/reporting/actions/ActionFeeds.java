package dev.hindsight.reporting.actions;

import dev.hindsight.reporting.internal.CellText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.parameter.Related;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Due;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Trigger;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Action items as CSV, as an iCalendar feed of due dates, and as a CSV that Jira's importer maps field by field. */
public final class ActionFeeds {

    static final String[] CSV_HEADER = {"id", "incident", "title", "owner", "team", "type", "priority", "due", "status",
            "tracker",
            "lesson"};
    /** Column names Jira's CSV importer offers to map without renaming. */
    static final String[] JIRA_HEADER = {"Summary", "Description", "Issue Type", "Priority", "Assignee", "Due Date",
            "Labels"};

    private ActionFeeds() {}

    public static String csv(List<ActionItem> items) {
        return print(CSV_HEADER, printer -> {
            for (ActionItem i : items) {
                printer.printRecord(i.id(), cell(i.incidentKey()), cell(i.title()), cell(i.owner()), cell(i.team()),
                        i.type(),
                        i.priority(), i.dueDate() == null ? "" : i.dueDate(), i.status(), cell(i.trackerKey()),
                        cell(i.lesson()));
            }
        });
    }

    /** Jira's importer: priorities mapped to its default scheme, dates as dd/MMM/yy its default date format reads. */
    public static String jiraCsv(List<ActionItem> items) {
        java.time.format.DateTimeFormatter jiraDate = java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yy",
                Locale.ENGLISH);
        return print(JIRA_HEADER, printer -> {
            for (ActionItem i : items) {
                String description = (i.lesson() == null ? "" : "Lesson: " + i.lesson() + "\n") + "From post-mortem of "
                        + i.incidentKey()
                        + " (Hindsight action item " + i.id() + ", type " + i.type().name().toLowerCase(Locale.ROOT)
                        + ")";
                printer.printRecord(cell(i.title()), cell(description), "Task", jiraPriority(i.priority()),
                        cell(i.owner()),
                        i.dueDate() == null ? "" : jiraDate.format(i.dueDate()),
                        "postmortem " + i.incidentKey().replace(' ', '-'));
            }
        });
    }

    static String jiraPriority(ActionItem.Priority p) {
        return switch (p) {
            case P1 -> "Highest";
            case P2 -> "High";
            case P3 -> "Medium";
            case P4 -> "Low";
        };
    }

    /** One VTODO per item with a due date; closed items are marked completed or cancelled. */
    public static String ics(List<ActionItem> items, Instant now) {
        return ics(items, now, false);
    }

    /**
     * The calendar; with alarms, each open item also carries a VALARM the day before it is due, so that a calendar
     * subscribed to the feed reminds its owner.
     */
    public static String ics(List<ActionItem> items, Instant now, boolean alarms) {
        Calendar calendar = new Calendar()
                .add(new ProdId("-//Hindsight//Action items//EN"))
                .add(ImmutableVersion.VERSION_2_0)
                .add(ImmutableCalScale.GREGORIAN);
        for (ActionItem i : items) {
            if (i.dueDate() == null) {
                continue;
            }
            VToDo todo = new VToDo(false)
                    .add(new Uid("action-item-" + i.id() + "@hindsight"))
                    .add(new DtStamp(now))
                    .add(new Due<>(i.dueDate()))
                    .add(new Summary("[" + i.incidentKey() + "] " + i.title()))
                    .add(new Description((i.owner() == null ? "No owner yet" : "Owner: " + i.owner())
                            + (i.team() == null ? "" : ", team " + i.team()) + ". Priority " + i.priority() + ", "
                            + i.type().name().toLowerCase(Locale.ROOT) + "."))
                    .add(switch (i.status()) {
                        case OPEN -> ImmutableStatus.VTODO_NEEDS_ACTION;
                        case IN_PROGRESS -> ImmutableStatus.VTODO_IN_PROCESS;
                        case DONE -> ImmutableStatus.VTODO_COMPLETED;
                        case WONT_DO -> ImmutableStatus.VTODO_CANCELLED;
                    });
            if (alarms && !i.status().closed()) {
                Trigger dayBefore = new Trigger(java.time.Duration.ofDays(-1));
                dayBefore.add(Related.END); // before the DUE of the to-do
                VAlarm alarm = new VAlarm();
                alarm.add(dayBefore);
                alarm.add(ImmutableAction.DISPLAY);
                alarm.add(new Description("Due tomorrow: " + i.title()));
                todo.add(alarm);
            }
            calendar.add(todo);
        }
        try {
            StringWriter out = new StringWriter();
            new CalendarOutputter().output(calendar, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("the action item calendar is not valid iCalendar: " + e.getMessage(), e);
        }
    }

    private interface Rows {
        void print(CSVPrinter printer) throws IOException;
    }

    private static String print(String[] header, Rows rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(header).get().print(out)) {
            rows.print(printer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String cell(@org.jspecify.annotations.Nullable String text) {
        return CellText.forCsv(text);
    }
}
