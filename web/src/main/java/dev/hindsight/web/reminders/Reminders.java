package dev.hindsight.web.reminders;

import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.support.Zones;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends reminders: to each owner with an e-mail address, a digest of their open items that are overdue or due within
 * {@link ReminderProperties#daysAhead()} days (only items of incidents they may see); to each team channel, a summary
 * of the team's such items (never of restricted incidents: a channel is outside anyone's membership). Each item is
 * sent to a recipient once a day ({@link Deliveries}); a delivery that fails is recorded with its reason and tried
 * again by a later run.
 */
@Service
public class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    private final ActionItems actions;
    private final IncidentDirectory incidents;
    private final Accounts accounts;
    private final ReminderSettings settings;
    private final Deliveries deliveries;
    private final ChatWebhooks chat;
    private final ObjectProvider<JavaMailSender> mail;
    private final ReminderProperties props;
    private final AuditLog audit;
    private final Clock clock;

    Reminders(ActionItems actions, IncidentDirectory incidents, Accounts accounts, ReminderSettings settings,
            Deliveries deliveries, ChatWebhooks chat, ObjectProvider<JavaMailSender> mail, ReminderProperties props,
            AuditLog audit, Clock clock) {
        this.actions = actions;
        this.incidents = incidents;
        this.accounts = accounts;
        this.settings = settings;
        this.deliveries = deliveries;
        this.chat = chat;
        this.mail = mail;
        this.props = props;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What a run did.
     *
     * @param sent deliveries made (one per recipient), with how many items each carried
     * @param failed deliveries that failed, with why
     * @param notes recipients left out, and why (no e-mail address, no SMTP server, nothing due)
     */
    public record Run(List<String> sent, List<String> failed, List<String> notes) {}

    /**
     * Sends what is due. On schedule ({@code now == false}) only the people whose chosen hour it is in their zone,
     * and the channels at their hour; now, everyone and every channel.
     */
    public Run run(boolean now) {
        Instant at = clock.instant();
        List<String> sent = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Accounts.UserView user : accounts.users()) {
            if (!user.enabled()) {
                continue;
            }
            ReminderSettings.Setting s = settings.of(user.username());
            ZoneId zone = Zones.viewer(s.zone());
            if (!s.enabled() || (!now && at.atZone(zone).getHour() != s.hour())) {
                continue;
            }
            List<ActionItem> due = due(actions.list(new ActionItems.Filter(null, user.username(), null, false, true),
                    new Viewer(user.username(), user.role() == dev.hindsight.web.security.Role.ADMIN)), at, zone);
            if (due.isEmpty()) {
                continue;
            }
            if (user.email() == null) {
                notes.add(user.username() + ": no e-mail address");
                continue;
            }
            JavaMailSender sender = mail.getIfAvailable();
            if (sender == null) {
                notes.add(user.username() + ": no SMTP server configured (spring.mail.host)");
                continue;
            }
            deliver("email:" + user.username(), due, Deliveries.today(at, zone), items -> email(sender, user, items,
                    zone), sent, failed);
        }
        if (now || at.atZone(ZoneOffset.UTC).getHour() == props.channelHour()) {
            Set<String> restricted = incidents.list(Viewer.SYSTEM).stream().filter(IncidentSummary::restricted)
                    .map(IncidentSummary::key).collect(Collectors.toSet());
            for (ReminderProperties.Channel channel : props.channels()) {
                List<ActionItem> due = due(actions.list(new ActionItems.Filter(null, null, channel.team(), false,
                        true), Viewer.SYSTEM), at, ZoneOffset.UTC).stream()
                        .filter(i -> !restricted.contains(i.incidentKey())).toList();
                if (due.isEmpty()) {
                    continue;
                }
                deliver(channel.type() + ":" + channel.team(), due, Deliveries.today(at, ZoneOffset.UTC),
                        items -> chat.post(channel.url(), ChatWebhooks.payload(channel.type(),
                                items.size() + " action item" + (items.size() == 1 ? "" : "s") + " of " + channel.team()
                                        + " due soon or overdue",
                                lines(items, ZoneOffset.UTC))),
                        sent, failed);
            }
        }
        audit.record("hindsight", now ? "send reminders now" : "send reminders", null,
                failed.isEmpty() ? "success" : "failure", sent.size() + " sent, " + failed.size() + " failed");
        return new Run(sent, failed, notes);
    }

    /** Sends the items this recipient has not had today, and records how it went. */
    private void deliver(String recipient, List<ActionItem> due, LocalDate day, Sender send, List<String> sent,
            List<String> failed) {
        List<Long> claimed = deliveries.claim(recipient, due.stream().map(ActionItem::id).toList(), day);
        if (claimed.isEmpty()) {
            return;
        }
        List<ActionItem> items = due.stream().filter(i -> claimed.contains(i.id())).toList();
        String problem;
        try {
            problem = send.send(items);
        } catch (RuntimeException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        deliveries.done(recipient, claimed, day, problem);
        if (problem == null) {
            sent.add(recipient + " (" + items.size() + " items)");
        } else {
            log.warn("Reminder to {} failed: {}", recipient, problem);
            failed.add(recipient + ": " + problem);
        }
    }

    private interface Sender {
        @Nullable
        String send(List<ActionItem> items);
    }

    private @Nullable String email(JavaMailSender sender, Accounts.UserView user, List<ActionItem> items, ZoneId zone) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper m = new MimeMessageHelper(message, false, "UTF-8");
            m.setFrom(props.from());
            m.setTo(user.email());
            long overdue = items.stream().filter(i -> i.overdue(LocalDate.now(clock.withZone(zone)))).count();
            m.setSubject("Hindsight: " + items.size() + " action item" + (items.size() == 1 ? "" : "s") + " due soon"
                    + (overdue > 0 ? ", " + overdue + " overdue" : ""));
            StringBuilder text = new StringBuilder("Hello " + user.username() + ",\n\nthese action items of yours are"
                    + " due soon or overdue:\n\n");
            for (ChatWebhooks.Line line : lines(items, zone)) {
                text.append("- ").append(line.text()).append("\n  ").append(line.url()).append("\n");
            }
            text.append("\nChange when you get these on your account page: ").append(props.baseUrl())
                    .append("/account\n");
            m.setText(text.toString());
            sender.send(message);
            return null;
        } catch (jakarta.mail.MessagingException | org.springframework.mail.MailException e) {
            return "the mail server refused or did not answer: " + e.getMessage();
        }
    }

    private List<ChatWebhooks.Line> lines(List<ActionItem> items, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return items.stream().map(i -> new ChatWebhooks.Line(
                (i.overdue(today) ? "OVERDUE since " : "due ") + i.dueDate() + ": " + i.title() + " ("
                        + i.incidentKey() + ", " + i.priority() + (i.owner() == null ? "" : ", " + i.owner()) + ")",
                "#" + i.id(),
                props.baseUrl() + "/incidents/" + i.incidentKey() + "/postmortem#item-" + i.id())).toList();
    }

    /** Open items with a due date that has passed or comes within the days ahead, soonest first. */
    private List<ActionItem> due(List<ActionItem> open, Instant at, ZoneId zone) {
        LocalDate horizon = at.atZone(zone).toLocalDate().plusDays(props.daysAhead());
        return open.stream().filter(i -> !i.status().closed() && i.dueDate() != null && !i.dueDate().isAfter(horizon))
                .sorted(Comparator.comparing(ActionItem::dueDate).thenComparing(ActionItem::id)).toList();
    }
}
