package dev.hindsight.web.admin;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.security.Role;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users and tokens over REST: {@code /api/admin/...} for administrators, {@code /api/me/...} for everyone's own
 * password and tokens. Every change is audited by {@link Accounts}.
 */
@RestController
class AccountsApi {

    private final Accounts accounts;

    AccountsApi(Accounts accounts) {
        this.accounts = accounts;
    }

    record NewUser(@Nullable String username, @Nullable Role role, @Nullable String password,
            @Nullable String email) {}

    record UserChange(@Nullable Role role, @Nullable Boolean enabled, @Nullable String email) {}

    record NewPassword(@Nullable String password) {}

    record PasswordChange(@Nullable String oldPassword, @Nullable String newPassword) {}

    /**
     * @param owner the user it acts as (for {@code /api/me/tokens}: the caller)
     */
    record NewToken(@Nullable String name, @Nullable Role role, @Nullable String owner, @Nullable Instant expiresAt) {}

    @GetMapping("/api/admin/users")
    List<Accounts.UserView> users() {
        return accounts.users();
    }

    @PostMapping("/api/admin/users")
    @ResponseStatus(HttpStatus.CREATED)
    Accounts.UserView addUser(@RequestBody NewUser body) {
        if (body.username() == null || body.role() == null) {
            throw new InvalidInputException("give the username, role and password of the new user");
        }
        accounts.addUser(body.username(), body.role(), body.password() == null ? "" : body.password(), body.email());
        return user(Accounts.normalise(body.username()));
    }

    /** Any of role, enabled and email; the others stay. */
    @PatchMapping("/api/admin/users/{name}")
    Accounts.UserView changeUser(@PathVariable String name, @RequestBody UserChange body) {
        Accounts.UserView user = user(name);
        if (body.role() != null) {
            user = accounts.setRole(name, body.role());
        }
        if (body.enabled() != null) {
            user = accounts.setEnabled(name, body.enabled());
        }
        if (body.email() != null) {
            user = accounts.setEmail(name, body.email());
        }
        return user;
    }

    @PostMapping("/api/admin/users/{name}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable String name, @RequestBody NewPassword body) {
        accounts.resetPassword(name, body.password() == null ? "" : body.password());
    }

    @DeleteMapping("/api/admin/users/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteUser(@PathVariable String name) {
        accounts.deleteUser(name);
    }

    @GetMapping("/api/admin/tokens")
    List<Accounts.TokenView> tokens() {
        return accounts.tokens(null);
    }

    /** Answers with the token itself, shown this once. */
    @PostMapping("/api/admin/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createToken(@RequestBody NewToken body) {
        if (body.role() == null) {
            throw new InvalidInputException("give the token's name and role");
        }
        return Map.of("token", accounts.createToken(body.name(), body.role(), body.owner(), body.expiresAt()));
    }

    @DeleteMapping("/api/admin/tokens/{token}")
    Map<String, Integer> revoke(@PathVariable String token) {
        return Map.of("revoked", accounts.revokeToken(token, null));
    }

    /** Who the caller is: their name, role and e-mail (a token without an owner is only its name and role). */
    @GetMapping("/api/me")
    Map<String, @Nullable Object> me() {
        Map<String, @Nullable Object> me = new LinkedHashMap<>();
        String name = CurrentViewer.actor();
        me.put("username", name);
        accounts.findUser(name).ifPresentOrElse(u -> {
            me.put("role", u.role());
            me.put("email", u.email());
        }, () -> me.put("role", CurrentViewer.role().orElse(null)));
        return me;
    }

    @PostMapping("/api/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@RequestBody PasswordChange body) {
        accounts.changePassword(self(), body.oldPassword(), body.newPassword() == null ? "" : body.newPassword());
    }

    @GetMapping("/api/me/tokens")
    List<Accounts.TokenView> myTokens() {
        return accounts.tokens(self());
    }

    @PostMapping("/api/me/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createMyToken(@RequestBody NewToken body) {
        Role role = body.role() != null ? body.role() : accounts.findUser(self()).orElseThrow().role();
        return Map.of("token", accounts.createToken(body.name(), role, self(), body.expiresAt()));
    }

    @DeleteMapping("/api/me/tokens/{token}")
    Map<String, Integer> revokeMine(@PathVariable String token) {
        return Map.of("revoked", accounts.revokeToken(token, self()));
    }

    private Accounts.UserView user(String name) {
        return accounts.users().stream().filter(u -> u.username().equals(Accounts.normalise(name))).findFirst()
                .orElseThrow(() -> new dev.hindsight.core.error.NotFoundException("no user " + name));
    }

    /** The signed-in user; a token of no owner has no password or tokens of its own. */
    private String self() {
        String name = CurrentViewer.actor();
        if (accounts.findUser(name).isEmpty()) {
            throw new InvalidInputException(name + " is a token of no user: it has no password or tokens of its own");
        }
        return name;
    }
}
