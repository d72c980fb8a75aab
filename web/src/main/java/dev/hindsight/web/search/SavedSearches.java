package dev.hindsight.web.search;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Searches kept under a name: personal, or shared with everyone. Only the query is kept; what it finds is decided
 * when it runs, by the visibility of whoever runs it.
 */
@Component
public class SavedSearches {

    /** The search page parameters a saved search may hold. */
    private static final Set<String> PARAMETERS = Set.of("q", "type", "source", "kind", "incident", "from", "to",
            "zone");
    static final int MAX_PER_OWNER = 200;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SavedSearches(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A saved search.
     *
     * @param query the search page's query string, e.g. {@code q=packet+loss&type=post-mortem}
     */
    public record SavedSearch(long id, String name, String owner, String query, boolean shared, Instant createdAt) {

        /** The search page showing it. */
        public String link() {
            return "/search?" + query;
        }
    }

    /** The user's own searches, then those others shared, by name. */
    public List<SavedSearch> list(String user) {
        return jdbc.query("select id, name, owner, query, shared, created_at from saved_search"
                + " where owner = ? or shared = true order by case when owner = ? then 0 else 1 end, lower(name)",
                (rs, i) -> new SavedSearch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getObject(6, OffsetDateTime.class).toInstant()),
                user, user);
    }

    public SavedSearch save(String user, String name, String query, boolean shared) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new InvalidInputException("a saved search needs a name of 1 to 100 characters");
        }
        String q = clean(query);
        Integer count = jdbc.queryForObject("select count(*) from saved_search where owner = ?", Integer.class, user);
        if (count != null && count >= MAX_PER_OWNER) {
            throw new InvalidInputException("you have " + MAX_PER_OWNER + " saved searches; delete some first");
        }
        Instant now = clock.instant();
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement insert = c.prepareStatement(
                    "insert into saved_search (owner, name, query, shared, created_at) values (?, ?, ?, ?, ?)",
                    new String[]{"id"});
            insert.setString(1, user);
            insert.setString(2, n);
            insert.setString(3, q);
            insert.setBoolean(4, shared);
            insert.setObject(5, now.atOffset(ZoneOffset.UTC));
            return insert;
        }, id);
        return new SavedSearch(id.getKeyAs(Long.class), n, user, q, shared, now);
    }

    /** Deletes one of the user's own saved searches. */
    public void delete(String user, long id) {
        if (jdbc.update("delete from saved_search where id = ? and owner = ?", id, user) == 0) {
            throw new NotFoundException("you have no saved search " + id);
        }
    }

    /** Keeps the search parameters only, re-encoded: a saved search never carries anything else into a link. */
    static String clean(String query) {
        if (query == null || query.length() > 4000) {
            throw new InvalidInputException("a saved search's query holds at most 4000 characters");
        }
        var params = UriComponentsBuilder.newInstance().query(query.startsWith("?") ? query.substring(1) : query)
                .build().getQueryParams();
        UriComponentsBuilder kept = UriComponentsBuilder.newInstance();
        params.forEach((key, values) -> {
            if (PARAMETERS.contains(key)) {
                values.stream().filter(v -> v != null && !v.isBlank())
                        .forEach(v -> kept.queryParam(key, UriUtils.decode(v, StandardCharsets.UTF_8)));
            }
        });
        String result = kept.encode().build().getQuery();
        if (result == null || result.isBlank()) {
            throw new InvalidInputException("nothing to save: the search has no query, type or filter");
        }
        return result;
    }
}
