package dev.hindsight.web.actions;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.event.EventId;
import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.incident.IncidentSummary;
import dev.hindsight.core.incident.Viewer;
import dev.hindsight.reporting.actions.ActionFeeds;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Calendar feeds: a secret URL a calendar app subscribes to, since it cannot sign in. A person's feed holds their
 * items of the incidents they may see; a team's, the team's items, never those of restricted incidents (a shared
 * calendar is outside anyone's membership). The secret is shown once; only its hash is kept; a feed is revoked at
 * once, and ends with its owner's account.
 */
@Service
public class CalendarFeeds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Accounts accounts;
    private final ActionItems actions;
    private final IncidentDirectory incidents;
    private final AuditLog audit;
    private final Clock clock;

    CalendarFeeds(JdbcTemplate jdbc, Accounts accounts, ActionItems actions, IncidentDirectory incidents,
            AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.actions = actions;
        this.incidents = incidents;
        this.audit = audit;
        this.clock = clock;
    }

    /** A feed as its owner sees it listed: never the secret. */
    public record Feed(long id, @Nullable String team, Instant createdAt, boolean revoked) {}

    /** Creates a feed and returns its secret, for the URL {@code /calendar/SECRET.ics}. */
    public String create(String owner, @Nullable String team) {
        if (accounts.findUser(owner).isEmpty()) {
            throw new InvalidInputException(owner + " is no user: a calendar feed belongs to a person");
        }
        String t = team == null || team.isBlank() ? null : team.strip();
        if (t != null && t.length() > 128) {
            throw new InvalidInputException("a team name holds at most 128 characters");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("insert into calendar_feed (token_hash, owner, team, created_at, revoked) values (?, ?, ?, ?, ?)",
                hash(secret), owner, t, OffsetDateTime.now(clock), false);
        audit.record(owner, "create calendar feed", t == null ? owner : "team " + t, "success", null);
        return secret;
    }

    public List<Feed> of(String owner) {
        return jdbc.query("select id, team, created_at, revoked from calendar_feed where owner = ? order by id desc",
                (rs, i) -> new Feed(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getBoolean(4)),
                owner);
    }

    public void revoke(String owner, long id) {
        if (jdbc.update("update calendar_feed set revoked = true where id = ? and owner = ?", id, owner) == 0) {
            throw new NotFoundException("you have no calendar feed " + id);
        }
        audit.record(owner, "revoke calendar feed", String.valueOf(id), "success", null);
    }

    /** The feed's calendar, if the secret is a live feed of an enabled user. */
    public Optional<String> calendar(String secret) {
        if (secret.length() > 100) {
            return Optional.empty();
        }
        List<String[]> found = jdbc.query(
                "select owner, team from calendar_feed where token_hash = ? and revoked = false",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2)}, hash(secret));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String owner = found.get(0)[0];
        String team = found.get(0)[1];
        Optional<Accounts.User> user = accounts.findUser(owner).filter(Accounts.User::enabled);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        List<ActionItem> items;
        if (team == null) {
            items = actions.list(new ActionItems.Filter(null, owner, null, false, false),
                    new Viewer(owner, user.get().role() == Role.ADMIN));
        } else {
            Set<String> restricted = incidents.list(Viewer.SYSTEM).stream().filter(IncidentSummary::restricted)
                    .map(IncidentSummary::key).collect(Collectors.toSet());
            items = actions.list(new ActionItems.Filter(null, null, team, false, false), Viewer.SYSTEM).stream()
                    .filter(i -> !restricted.contains(i.incidentKey())).toList();
        }
        return Optional.of(ActionFeeds.ics(items, clock.instant(), true));
    }

    private static String hash(String secret) {
        return EventId.contentHash(secret.getBytes(StandardCharsets.UTF_8));
    }
}
