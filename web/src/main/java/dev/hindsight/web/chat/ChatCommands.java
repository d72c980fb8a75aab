package dev.hindsight.web.chat;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.event.EventKind;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Severity;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.core.text.Texts;
import dev.hindsight.search.incident.IncidentCatalog;
import dev.hindsight.search.incident.NewIncident;
import dev.hindsight.search.timeline.Curation;
import dev.hindsight.search.timeline.ManualEvent;
import dev.hindsight.web.support.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * What {@code /hindsight} does: {@code note TEXT} adds a note to the channel's incident, {@code declare [sevN] TITLE}
 * declares an incident and links the channel to it, {@code link KEY} links the channel to an existing one, {@code
 * status} says which, and the message shortcut adds the picked message with its author and permalink. The person in
 * chat acts as {@code slack:NAME} (or {@code mattermost:NAME}), a responder who is no member of any restricted
 * incident: chat cannot reach, link to or confirm the existence of an incident kept to its members.
 */
@Service
class ChatCommands {

    static final String HELP = "/hindsight note TEXT adds a note to this channel's incident timeline;"
            + " /hindsight declare [sev1-sev4] TITLE declares an incident for this channel;"
            + " /hindsight link KEY links this channel to an incident; /hindsight status says which."
            + " The message shortcut \"Add to incident timeline\" adds a message as it was written.";
    static final Duration DECLARED_BEFORE = Duration.ofHours(1);
    static final Duration DECLARED_AFTER = Duration.ofHours(4);
    private static final Pattern SEVERITY = Pattern.compile("(?i)sev([1-4])\\s+(.+)", Pattern.DOTALL);
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final IncidentCatalog incidents;
    private final Curation curation;
    private final ChannelLinks links;
    private final AuditLog audit;
    private final Clock clock;

    ChatCommands(IncidentCatalog incidents, Curation curation, ChannelLinks links, AuditLog audit, Clock clock) {
        this.incidents = incidents;
        this.curation = curation;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs a slash command; answers what the person who typed it sees. */
    String command(ChatRequest request) {
        String text = request.text().strip();
        int space = text.indexOf(' ');
        String verb = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : text.substring(space + 1).strip();
        try {
            return switch (verb) {
                case "note" -> note(request, rest);
                case "declare" -> declare(request, rest);
                case "link" -> link(request, rest);
                case "status" -> status(request);
                default -> HELP;
            };
        } catch (InvalidInputException | ConflictException e) {
            return e.getMessage();
        }
    }

    /** Adds the message the shortcut was used on; answers what the person who used it sees. */
    String capture(ChatRequest request) {
        ChatRequest.Message message = request.message();
        if (message == null || message.text().isBlank()) {
            return "That message has no text to add.";
        }
        Optional<IncidentSummary> incident = linkedIncident(request);
        if (incident.isEmpty()) {
            return notLinked();
        }
        ManualEvent.Captured captured = new ManualEvent.Captured(message.author(), "#" + request.channelName(),
                message.permalink(), request.platform().prefix() + request.channelId() + ":" + message.id());
        curation.addEvent(incident.get().key(), new ManualEvent(message.at(), firstLine(message.text()),
                message.text(), EventKind.CHAT_MESSAGE, captured), viewer(request));
        return "Added " + message.author() + "'s message to " + incident.get().key() + "'s timeline.";
    }

    private String note(ChatRequest request, String words) {
        if (words.isBlank()) {
            return "Write the note after the command: /hindsight note the failover finished at 10:42";
        }
        Optional<IncidentSummary> incident = linkedIncident(request);
        if (incident.isEmpty()) {
            return notLinked();
        }
        String id = request.requestId() == null
                ? null
                : request.platform().prefix() + request.channelId() + ":" + request.requestId();
        ManualEvent.Captured captured = new ManualEvent.Captured(request.userName(), "#" + request.channelName(),
                null, id);
        curation.addEvent(incident.get().key(), new ManualEvent(clock.instant(), firstLine(words), words,
                EventKind.NOTE, captured), viewer(request));
        return "Noted on " + incident.get().key() + "'s timeline.";
    }

    private String declare(ChatRequest request, String words) {
        Severity severity = Severity.SEV3;
        String title = words;
        Matcher sev = SEVERITY.matcher(words);
        if (sev.matches()) {
            severity = Severity.valueOf("SEV" + sev.group(1));
            title = sev.group(2).strip();
        }
        if (title.isBlank()) {
            return "Give the incident a title: /hindsight declare sev2 checkout answers 502";
        }
        Instant now = clock.instant();
        Viewer viewer = viewer(request);
        IncidentSummary created = null;
        for (int attempt = 1; created == null; attempt++) {
            String key = "INC-" + KEY_TIME.format(now) + (attempt == 1 ? "" : "-" + attempt);
            try {
                created = incidents.create(new NewIncident(key, Texts.clip(title, 200), now.minus(DECLARED_BEFORE),
                        now.plus(DECLARED_AFTER), severity, null, null, false, Set.of()), viewer);
            } catch (ConflictException taken) {
                if (attempt == 9) {
                    throw taken;
                }
            }
        }
        links.link(request.platform(), request.channelId(), request.channelName(), created.key(), viewer.name());
        audit.record(viewer.name(), "declare incident", created.key(), "success",
                "from " + request.platform().label() + " #" + request.channelName());
        return "Declared " + created.key() + " (" + created.severity() + "): " + created.title()
                + ". This channel is linked to it; /hindsight note TEXT adds to its timeline.";
    }

    private String link(ChatRequest request, String key) {
        if (key.isBlank()) {
            return "Name the incident: /hindsight link INC-2041";
        }
        Viewer viewer = viewer(request);
        IncidentSummary incident;
        try {
            incident = incidents.find(key.strip(), viewer).orElseThrow(() -> new NotFoundException(key));
        } catch (NotFoundException e) {
            return "There is no incident " + Texts.clip(key.strip(), 64) + " that chat may reach.";
        }
        links.link(request.platform(), request.channelId(), request.channelName(), incident.key(), viewer.name());
        audit.record(viewer.name(), "link chat channel", incident.key(), "success",
                request.platform().label() + " #" + request.channelName());
        return "This channel is now linked to " + incident.key() + ": " + incident.title() + ".";
    }

    private String status(ChatRequest request) {
        return linkedIncident(request)
                .map(i -> "This channel is linked to " + i.key() + " (" + i.severity() + ", "
                        + i.status().name().toLowerCase(Locale.ROOT) + "): " + i.title() + ".")
                .orElseGet(ChatCommands::notLinked);
    }

    /** The linked incident, if chat may still reach it (it may have been restricted since it was linked). */
    private Optional<IncidentSummary> linkedIncident(ChatRequest request) {
        return links.incidentOf(request.platform(), request.channelId())
                .flatMap(key -> incidents.find(key, viewer(request)));
    }

    private static String notLinked() {
        return "This channel is not linked to an incident. /hindsight declare TITLE declares one;"
                + " /hindsight link KEY links an existing one.";
    }

    private static Viewer viewer(ChatRequest request) {
        return new Viewer(request.platform().prefix() + request.userName(), false);
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return Texts.clip(line, 200);
    }
}
