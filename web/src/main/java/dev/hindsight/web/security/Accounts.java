package dev.hindsight.web.security;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.event.EventId;
import dev.hindsight.web.support.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
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
    public record User(String username, String passwordHash, Role role, boolean enabled, @Nullable String email) {}

    @Transactional
    public void addUser(String username, Role role, String password) {
        addUser(username, role, password, null);
    }

    /**
     * Adds a user.
     *
     * @param email where reminders go (optional)
     */
    @Transactional
    public void addUser(String username, Role role, String password, @Nullable String email) {
        String name = normalise(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidInputException(
                    "user name '" + username + "' must be letters, digits, '.', '_', '@' or '-'");
        }
        requireStrong(password);
        if (findUser(name).isPresent()) {
            throw new ConflictException("user " + name + " already exists");
        }
        jdbc.update("insert into app_user (username, password_hash, role, enabled, created_at, email)"
                + " values (?,?,?,?,?,?)", name, passwords.encode(password), role.name(), true,
                OffsetDateTime.now(clock), email(email));
        audit.record(CurrentViewer.actor(), "add user", name, "success", "role " + role);
    }

    /**
     * The user an identity provider vouched for: created at their first sign-in (with a password no one knows, so
     * only the provider signs them in), their role following their groups when these map to one.
     *
     * @param mapped the role the user's groups map to, if any
     * @param defaultRole the role of a new user whose groups map to none; null to refuse them
     * @throws InvalidInputException when the user is disabled, or new and given no role
     */
    @Transactional
    public User signInFromProvider(String username, @Nullable String email, @Nullable Role mapped,
            @Nullable Role defaultRole) {
        String name = normalise(username);
        Optional<User> existing = findUser(name);
        if (existing.isEmpty()) {
            Role role = mapped != null ? mapped : defaultRole;
            if (role == null) {
                throw new InvalidInputException("none of " + name + "'s groups is given a role in Hindsight;"
                        + " an administrator maps groups to roles (hindsight.sso.roles)");
            }
            byte[] unknowable = new byte[32];
            RANDOM.nextBytes(unknowable);
            jdbc.update("insert into app_user (username, password_hash, role, enabled, created_at, email)"
                    + " values (?,?,?,?,?,?)", name, passwords.encode(Base64.getEncoder().encodeToString(unknowable)),
                    role.name(), true, OffsetDateTime.now(clock), email(email));
            audit.record(name, "add user", name, "success", "first single sign-on, role " + role);
            return require(name);
        }
        User user = existing.get();
        if (!user.enabled()) {
            throw new InvalidInputException(name + "'s Hindsight account is disabled");
        }
        if (mapped != null && mapped != user.role()) {
            boolean lastAdmin = user.role() == Role.ADMIN && jdbc.queryForObject("select count(*) from app_user"
                    + " where role = 'ADMIN' and enabled = true and username <> ?", Integer.class, name) == 0;
            if (!lastAdmin) { // the last admin keeps the role, whatever the groups say
                jdbc.update("update app_user set role = ? where username = ?", mapped.name(), name);
                audit.record(name, "change role", name, "success",
                        user.role() + " -> " + mapped + " (provider groups)");
            }
        }
        if (email != null && user.email() == null) {
            jdbc.update("update app_user set email = ? where username = ?", email(email), name);
        }
        return require(name);
    }

    /** A user name as sign-in reads it: without surrounding blanks, so that " alice" is alice. */
    public static String normalise(@Nullable String username) {
        return username == null ? "" : username.strip();
    }

    public Optional<User> findUser(String username) {
        List<User> users = jdbc.query("select username, password_hash, role, enabled, email from app_user"
                + " where username = ?",
                (rs, i) -> new User(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getBoolean(4),
                        rs.getString(5)),
                normalise(username));
        return users.stream().findFirst();
    }

    /** Every enabled user's name, sorted: for pickers of commanders, owners and reviewers. */
    public List<String> usernames() {
        return jdbc.queryForList("select username from app_user where enabled = true order by username", String.class);
    }

    /** A user as an administrator sees them. */
    public record UserView(String username, Role role, boolean enabled, @Nullable String email, Instant createdAt,
            int tokens) {}

    public List<UserView> users() {
        return jdbc.query("select u.username, u.role, u.enabled, u.email, u.created_at,"
                + " (select count(*) from api_token t where t.owner = u.username and t.revoked = false)"
                + " from app_user u order by u.username",
                (rs, i) -> new UserView(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getBoolean(3),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getInt(6)));
    }

    /**
     * Turns a user off or on. Off, they can neither sign in nor use their tokens, and their open sessions end with
     * their next request (see {@link SessionUserCheck}). The last enabled admin cannot be disabled.
     */
    @Transactional
    public UserView setEnabled(String username, boolean enabled) {
        User user = require(username);
        if (!enabled && user.role() == Role.ADMIN) {
            requireAnotherAdmin(user.username(), "disable");
        }
        jdbc.update("update app_user set enabled = ? where username = ?", enabled, user.username());
        audit.record(CurrentViewer.actor(), enabled ? "enable user" : "disable user", user.username(), "success",
                null);
        return view(user.username());
    }

    /** Changes a user's role; their tokens never act above it. The last admin keeps the role. */
    @Transactional
    public UserView setRole(String username, Role role) {
        User user = require(username);
        if (user.role() == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherAdmin(user.username(), "demote");
        }
        jdbc.update("update app_user set role = ? where username = ?", role.name(), user.username());
        audit.record(CurrentViewer.actor(), "change role", user.username(), "success", user.role() + " -> " + role);
        return view(user.username());
    }

    @Transactional
    public UserView setEmail(String username, @Nullable String email) {
        User user = require(username);
        jdbc.update("update app_user set email = ? where username = ?", email(email), user.username());
        audit.record(CurrentViewer.actor(), "change e-mail", user.username(), "success", null);
        return view(user.username());
    }

    /** An administrator sets a new password (the user forgot theirs). */
    @Transactional
    public void resetPassword(String username, String password) {
        User user = require(username);
        requireStrong(password);
        jdbc.update("update app_user set password_hash = ? where username = ?", passwords.encode(password),
                user.username());
        audit.record(CurrentViewer.actor(), "reset password", user.username(), "success", null);
    }

    /** A user changes their own password, proving they know the old one. */
    @Transactional
    public void changePassword(String username, String oldPassword, String newPassword) {
        User user = require(username);
        if (oldPassword == null || !passwords.matches(oldPassword, user.passwordHash())) {
            audit.record(username, "change password", username, "failure", "wrong old password");
            throw new InvalidInputException("the old password is not right");
        }
        requireStrong(newPassword);
        jdbc.update("update app_user set password_hash = ? where username = ?", passwords.encode(newPassword),
                user.username());
        audit.record(username, "change password", username, "success", null);
    }

    /** Deletes a user and their tokens; audit entries keep their name. The last admin stays. */
    @Transactional
    public void deleteUser(String username) {
        User user = require(username);
        if (user.role() == Role.ADMIN) {
            requireAnotherAdmin(user.username(), "delete");
        }
        jdbc.update("delete from api_token where owner = ?", user.username());
        jdbc.update("delete from app_user where username = ?", user.username());
        audit.record(CurrentViewer.actor(), "delete user", user.username(), "success", null);
    }

    public boolean anyUser() {
        Long n = jdbc.queryForObject("select count(*) from app_user", Long.class);
        return n != null && n > 0;
    }

    /** Creates a token of no owner (a sender such as Alertmanager); see {@link #createToken(String, Role, String, Instant)}. */
    @Transactional
    public String createToken(String name, Role role) {
        return createToken(name, role, null, null);
    }

    /**
     * Creates a token and returns it; only its hash is stored, so this is the only time it can be seen.
     *
     * @param owner the user it acts as (members of restricted incidents, audit); its role may not be above theirs
     * @param expiresAt after this it is refused (optional)
     */
    @Transactional
    public String createToken(String name, Role role, @Nullable String owner, @Nullable Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new InvalidInputException("a token needs a name of 1-128 characters");
        }
        String ownerName = null;
        if (owner != null && !owner.isBlank()) {
            User user = require(owner);
            if (!user.enabled()) {
                throw new InvalidInputException("user " + user.username() + " is disabled");
            }
            if (role.ordinal() < user.role().ordinal()) {
                throw new InvalidInputException("a token of " + user.username() + " may have role " + user.role()
                        + " or below, not " + role);
            }
            ownerName = user.username();
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new InvalidInputException("the expiry " + expiresAt + " is already past");
        }
        String token = TOKEN_PREFIX + randomSecret(32);
        jdbc.update("insert into api_token (name, token_hash, role, created_at, revoked, owner, expires_at)"
                + " values (?,?,?,?,?,?,?)", name.strip(), hash(token), role.name(), OffsetDateTime.now(clock), false,
                ownerName, expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC));
        audit.record(CurrentViewer.actor(), "create token", name, "success", "role " + role
                + (ownerName == null ? "" : ", owner " + ownerName)
                + (expiresAt == null ? "" : ", expires " + expiresAt));
        return token;
    }

    /** A token as listed: never the secret. */
    public record TokenView(long id, String name, @Nullable String owner, Role role, Instant createdAt,
            @Nullable Instant lastUsedAt, @Nullable Instant expiresAt, boolean revoked) {}

    /** Tokens, newest first; only one owner's when given. */
    public List<TokenView> tokens(@Nullable String owner) {
        return jdbc.query("select id, name, owner, role, created_at, last_used_at, expires_at, revoked from api_token"
                + (owner == null ? "" : " where owner = ?") + " order by id desc",
                (rs, i) -> new TokenView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.valueOf(rs.getString(4)), instant(rs.getObject(5, OffsetDateTime.class)),
                        instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class)),
                        rs.getBoolean(8)),
                owner == null ? new Object[0] : new Object[]{owner});
    }

    /**
     * Revokes tokens by id or by name (every unrevoked token of that name).
     *
     * @param owner when given, only that user's tokens may be revoked (a user revoking their own)
     * @return how many were revoked
     */
    @Transactional
    public int revokeToken(String idOrName, @Nullable String owner) {
        String key = idOrName == null ? "" : idOrName.strip();
        List<TokenView> matching = tokens(owner).stream().filter(t -> !t.revoked())
                .filter(t -> key.equals(String.valueOf(t.id())) || key.equals(t.name())).toList();
        if (matching.isEmpty()) {
            throw new NotFoundException("no active token " + key + (owner == null ? "" : " of " + owner));
        }
        for (TokenView t : matching) {
            jdbc.update("update api_token set revoked = true where id = ?", t.id());
            audit.record(CurrentViewer.actor(), "revoke token", t.name() + " (" + t.id() + ")", "success", null);
        }
        return matching.size();
    }

    /**
     * The principal a token acts as, if it is valid: not revoked, not expired, and its owner (when it has one)
     * enabled. A token with an owner acts as that user, with the lower of its role and theirs.
     */
    public Optional<TokenPrincipal> authenticateToken(String token) {
        if (!token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        // lookup by hash: equal hashes are found by the index, no timing-sensitive string comparison of secrets
        List<TokenPrincipal> found = jdbc.query(
                "select t.id, t.name, t.role, t.owner, t.expires_at, u.role, u.enabled, t.last_used_at"
                        + " from api_token t left join app_user u on u.username = t.owner"
                        + " where t.token_hash = ? and t.revoked = false",
                (rs, i) -> {
                    OffsetDateTime expires = rs.getObject(5, OffsetDateTime.class);
                    if (expires != null && !expires.toInstant().isAfter(clock.instant())) {
                        return null;
                    }
                    String owner = rs.getString(4);
                    Role role = Role.valueOf(rs.getString(3));
                    if (owner != null) {
                        if (rs.getString(6) == null || !rs.getBoolean(7)) {
                            return null; // the owner was deleted or disabled: their tokens end with them
                        }
                        Role ownerRole = Role.valueOf(rs.getString(6));
                        role = role.ordinal() >= ownerRole.ordinal() ? role : ownerRole;
                    }
                    OffsetDateTime used = rs.getObject(8, OffsetDateTime.class);
                    return new TokenPrincipal(rs.getLong(1), rs.getString(2), role, owner,
                            used == null ? null : used.toInstant());
                },
                hash(token));
        Optional<TokenPrincipal> principal = found.stream().filter(java.util.Objects::nonNull).findFirst();
        principal.ifPresent(this::noteUse);
        return principal;
    }

    /** Last use, to the minute: a busy sender does not write on every request. */
    private void noteUse(TokenPrincipal p) {
        Instant now = clock.instant();
        if (p.lastUsedAt() == null || p.lastUsedAt().isBefore(now.minusSeconds(60))) {
            jdbc.update("update api_token set last_used_at = ? where id = ?", now.atOffset(ZoneOffset.UTC), p.id());
        }
    }

    /**
     * A token as an authenticated principal.
     *
     * @param owner the user it acts as, if it has one
     */
    public record TokenPrincipal(long id, String name, Role role, @Nullable String owner,
            @Nullable Instant lastUsedAt) {

        public TokenPrincipal(long id, String name, Role role) {
            this(id, name, role, null, null);
        }

        /** The name it acts under: its owner, else {@code token:NAME}. */
        public String actsAs() {
            return owner != null ? owner : "token:" + name;
        }
    }

    private User require(String username) {
        return findUser(username).orElseThrow(() -> new NotFoundException("no user " + normalise(username)));
    }

    private UserView view(String username) {
        return users().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow();
    }

    private void requireAnotherAdmin(String username, String what) {
        Integer others = jdbc.queryForObject("select count(*) from app_user where role = 'ADMIN' and enabled = true"
                + " and username <> ?", Integer.class, username);
        if (others == null || others == 0) {
            throw new ConflictException("cannot " + what + " " + username + ": they are the last enabled admin");
        }
    }

    private static void requireStrong(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new InvalidInputException("the password must be at least " + MIN_PASSWORD + " characters long");
        }
    }

    private static @Nullable String email(@Nullable String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String e = email.strip();
        if (e.length() > 320 || !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidInputException("'" + email + "' is not an e-mail address");
        }
        return e;
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static String hash(String token) {
        return EventId.contentHash(token.getBytes(StandardCharsets.UTF_8));
    }

    static String randomSecret(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
