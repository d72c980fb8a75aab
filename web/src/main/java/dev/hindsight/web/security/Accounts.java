package dev.hindsight.web.security;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.event.EventId;
import dev.hindsight.web.support.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and API tokens. Passwords are stored as bcrypt hashes, tokens as SHA-256 hashes; neither is ever readable. */
@Service
public class Accounts {

    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
    static final String TOKEN_PREFIX = "hs_";
    static final int MIN_PASSWORD = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final AuditLog audit;

    Accounts(JdbcTemplate jdbc, PasswordEncoder passwords, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
        this.audit = audit;
    }

    /** A user as authentication sees it. */
    public record User(String username, String passwordHash, Role role, boolean enabled) {}

    @Transactional
    public void addUser(String username, Role role, String password) {
        if (!USERNAME.matcher(username).matches()) {
            throw new InvalidInputException(
                    "user name '" + username + "' must be letters, digits, '.', '_', '@' or '-'");
        }
        if (password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("the password must be at least " + MIN_PASSWORD + " characters long");
        }
        if (findUser(username).isPresent()) {
            throw new ConflictException("user " + username + " already exists");
        }
        jdbc.update("insert into app_user (username, password_hash, role, enabled, created_at) values (?,?,?,?,?)",
                username, passwords.encode(password), role.name(), true, java.time.OffsetDateTime.now(clock));
        audit.record(CurrentViewer.actor(), "add user", username, "success", "role " + role);
    }

    public Optional<User> findUser(String username) {
        List<User> users = jdbc.query("select username, password_hash, role, enabled from app_user where username = ?",
                (rs, i) -> new User(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getBoolean(4)),
                username);
        return users.stream().findFirst();
    }

    /** Every enabled user's name, sorted: for pickers of commanders, owners and reviewers. */
    public List<String> usernames() {
        return jdbc.queryForList("select username from app_user where enabled = true order by username", String.class);
    }

    public boolean anyUser() {
        Long n = jdbc.queryForObject("select count(*) from app_user", Long.class);
        return n != null && n > 0;
    }

    /** Creates a token and returns it; only its hash is stored, so this is the only time it can be seen. */
    @Transactional
    public String createToken(String name, Role role) {
        if (name.isBlank() || name.length() > 128) {
            throw new InvalidInputException("a token needs a name of 1-128 characters");
        }
        String token = TOKEN_PREFIX + randomSecret(32);
        jdbc.update("insert into api_token (name, token_hash, role, created_at, revoked) values (?,?,?,?,?)",
                name, hash(token), role.name(), java.time.OffsetDateTime.now(clock), false);
        audit.record(CurrentViewer.actor(), "create token", name, "success", "role " + role);
        return token;
    }

    /** The token's name and role, if it is a valid, unrevoked token. */
    public Optional<TokenPrincipal> authenticateToken(String token) {
        if (!token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        // lookup by hash: equal hashes are found by the index, no timing-sensitive string comparison of secrets
        List<TokenPrincipal> found = jdbc.query(
                "select id, name, role from api_token where token_hash = ? and revoked = false",
                (rs, i) -> new TokenPrincipal(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3))),
                hash(token));
        return found.stream().findFirst();
    }

    /** A token as an authenticated principal. */
    public record TokenPrincipal(long id, String name, Role role) {}

    static String hash(String token) {
        return EventId.contentHash(token.getBytes(StandardCharsets.UTF_8));
    }

    static String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
