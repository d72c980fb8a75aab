package dev.hindsight.reporting.postmortem;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.incident.IncidentDirectory;
import dev.hindsight.core.incident.Viewer;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review of a post-mortem: reviewers asked for, approvals of the content as it stands, and comments on sections
 * or timeline entries. An approval counts only for the content it saw: any later change of the sections asks for it
 * again. Nobody approves their own words: the author of the current content cannot approve it.
 */
@Service
public class PostMortemReviews {

    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9._-]{1,128})");
    private static final int MAX_COMMENT = 4000;

    private final IncidentDirectory incidents;
    private final PostMortems postMortems;
    private final PostMortemRows rows;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final PostMortemRecords searchable;

    PostMortemReviews(IncidentDirectory incidents, PostMortems postMortems, PostMortemRows rows, JdbcTemplate jdbc,
            Clock clock, PostMortemRecords searchable) {
        this.searchable = searchable;
        this.incidents = incidents;
        this.postMortems = postMortems;
        this.rows = rows;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Someone asked to review, and whether they approved the current content. */
    public record Reviewer(String username, String requestedBy, Instant requestedAt, boolean approved) {}

    /** An approval of one version of the content. */
    public record Approval(String username, int version, @Nullable String note, Instant at, boolean current) {}

    /**
     * Where the review stands.
     *
     * @param contentVersion the version whose sections an approval must have seen to count
     * @param author who wrote that content (and so may not approve it)
     * @param approvalsRequired how many current approvals publishing takes
     */
    public record Review(String incidentKey, ReviewStatus status, int version, int contentVersion, String author,
            List<Reviewer> reviewers, List<Approval> approvals, int approvalsRequired, int currentApprovals) {

        public boolean publishable() {
            return currentApprovals >= approvalsRequired;
        }

        /** Whether this person approved the content as it stands. */
        public boolean approvedBy(String username) {
            return approvals.stream().anyMatch(a -> a.current() && a.username().equals(username));
        }
    }

    /**
     * A comment on the post-mortem: on a section, on a timeline entry, or on the whole.
     *
     * @param mentions the user names written as {@code @name} in the body
     */
    public record Comment(long id, @Nullable Section section, @Nullable String entryId, String author, String body,
            List<String> mentions, Instant at) {}

    public Review review(String incidentKey, Viewer viewer) {
        String key = incidents.require(incidentKey, viewer).key();
        PostMortem pm = postMortems.current(key, viewer);
        int content = rows.contentVersion(key);
        String author = content == 0 ? pm.updatedBy() : rows.author(key, content);
        List<Approval> approvals = jdbc.query(
                "select username, version, note, approved_at from postmortem_approval where incident_key = ? order by id",
                (rs, i) -> new Approval(rs.getString(1), rs.getInt(2), rs.getString(3),
                        PostMortemRows.instant(rs, 4), content > 0 && rs.getInt(2) >= content),
                key);
        Set<String> approvers = new LinkedHashSet<>();
        approvals.stream().filter(Approval::current).forEach(a -> approvers.add(a.username()));
        List<Reviewer> reviewers = jdbc.query(
                "select username, requested_by, requested_at from postmortem_reviewer where incident_key = ? order by requested_at, username",
                (rs, i) -> new Reviewer(rs.getString(1), rs.getString(2), PostMortemRows.instant(rs, 3),
                        approvers.contains(rs.getString(1))),
                key);
        return new Review(key, pm.status(), pm.version(), content, author, reviewers, approvals,
                postMortems.approvalsRequired(), approvers.size());
    }

    /**
     * Asks these people to review and puts the post-mortem in review (saving the generated draft first if nobody
     * has). Names already asked stay; the caller checks that the names are accounts.
     */
    @Transactional
    public Review requestReview(String incidentKey, List<String> usernames, Viewer viewer) {
        String key = incidents.require(incidentKey, viewer).key();
        if (usernames.isEmpty()) {
            throw new InvalidInputException("name at least one reviewer");
        }
        PostMortem pm = postMortems.current(key, viewer);
        if (pm.status() != ReviewStatus.IN_REVIEW) {
            postMortems.review(key, ReviewStatus.IN_REVIEW, viewer);
        }
        Instant now = clock.instant();
        for (String name : new LinkedHashSet<>(usernames)) {
            jdbc.update("insert into postmortem_reviewer (incident_key, username, requested_by, requested_at)"
                    + " select ?, ?, ?, ? where not exists"
                    + " (select 1 from postmortem_reviewer where incident_key = ? and username = ?)",
                    key, name, viewer.name(), now.atOffset(ZoneOffset.UTC), key, name);
        }
        return review(key, viewer);
    }

    /** Approves the content as it stands now; refused for its own author and outside review. */
    @Transactional
    public Review approve(String incidentKey, @Nullable String note, Viewer viewer) {
        Review before = review(incidentKey, viewer);
        if (before.status() != ReviewStatus.IN_REVIEW) {
            throw new ConflictException("the post-mortem of " + before.incidentKey() + " is "
                    + before.status().name().replace('_', ' ').toLowerCase(Locale.ROOT)
                    + "; approvals are given while it is in review");
        }
        if (before.author().equals(viewer.name())) {
            throw new ConflictException("you wrote version " + before.contentVersion()
                    + " of this post-mortem; someone else has to approve it");
        }
        if (note != null && note.length() > 2000) {
            throw new InvalidInputException("an approval note holds at most 2000 characters");
        }
        jdbc.update("insert into postmortem_approval (incident_key, version, username, note, approved_at)"
                + " values (?, ?, ?, ?, ?)", before.incidentKey(), before.contentVersion(), viewer.name(),
                note == null || note.isBlank() ? null : note.strip(), clock.instant().atOffset(ZoneOffset.UTC));
        return review(before.incidentKey(), viewer);
    }

    @Transactional
    public Comment comment(String incidentKey, @Nullable Section section, @Nullable String entryId, String body,
            Viewer viewer) {
        String key = incidents.require(incidentKey, viewer).key();
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("a comment needs some text");
        }
        if (text.length() > MAX_COMMENT) {
            throw new InvalidInputException("a comment holds at most " + MAX_COMMENT + " characters");
        }
        if (entryId != null && (entryId.isBlank() || entryId.length() > 40)) {
            throw new InvalidInputException("a timeline entry id has 1 to 40 characters");
        }
        List<String> mentions = mentions(text);
        Instant now = clock.instant();
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("insert into postmortem_comment"
                    + " (incident_key, section, entry_id, author, body, mentions, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", new String[]{"id"});
            insert.setString(1, key);
            insert.setString(2, section == null ? null : section.name());
            insert.setString(3, entryId);
            insert.setString(4, viewer.name());
            insert.setString(5, text);
            insert.setString(6, String.join(",", mentions));
            insert.setObject(7, now.atOffset(ZoneOffset.UTC));
            return insert;
        }, id);
        Comment comment = new Comment(id.getKeyAs(Long.class), section, entryId, viewer.name(), text, mentions, now);
        searchable.commented(comment, key);
        return comment;
    }

    /** Oldest first. */
    public List<Comment> comments(String incidentKey, Viewer viewer) {
        String key = incidents.require(incidentKey, viewer).key();
        return jdbc.query(
                "select id, section, entry_id, author, body, mentions, created_at from postmortem_comment"
                        + " where incident_key = ? order by id",
                (rs, i) -> new Comment(rs.getLong(1), rs.getString(2) == null ? null : Section.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6) == null || rs.getString(6).isEmpty()
                                ? List.of()
                                : List.of(rs.getString(6).split(",")),
                        PostMortemRows.instant(rs, 7)),
                key);
    }

    static List<String> mentions(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String name = m.group(1).replaceAll("[.]+$", "");
            if (!name.isEmpty() && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
