package dev.hindsight.web.admin;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.web.actions.CalendarFeeds;
import dev.hindsight.web.reminders.Deliveries;
import dev.hindsight.web.reminders.ReminderSettings;
import dev.hindsight.web.security.Accounts;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.security.Role;
import dev.hindsight.web.support.LocalTimes;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accounts in the UI: the admin page (users and every token) and each person's own page (password, their tokens).
 * Forms post here and come back with what was done, or why not.
 */
@Controller
class AccountsPage {

    private final Accounts accounts;
    private final ReminderSettings reminders;
    private final Deliveries deliveries;
    private final CalendarFeeds calendars;

    AccountsPage(Accounts accounts, ReminderSettings reminders, Deliveries deliveries, CalendarFeeds calendars) {
        this.accounts = accounts;
        this.reminders = reminders;
        this.deliveries = deliveries;
        this.calendars = calendars;
    }

    @GetMapping("/admin/accounts")
    String admin(Model model) {
        model.addAttribute("users", accounts.users());
        model.addAttribute("tokens", accounts.tokens(null));
        model.addAttribute("roles", Role.values());
        model.addAttribute("deliveries", deliveries.recent(30));
        return "accounts";
    }

    @PostMapping("/admin/users")
    String addUser(@RequestParam String username, @RequestParam Role role, @RequestParam String password,
            @RequestParam(required = false) @Nullable String email, RedirectAttributes redirect) {
        return done(redirect, "/admin/accounts", () -> {
            accounts.addUser(username, role, password, email);
            return "User " + Accounts.normalise(username) + " added.";
        });
    }

    @PostMapping("/admin/users/{name}")
    String changeUser(@PathVariable String name, @RequestParam(required = false) @Nullable Role role,
            @RequestParam(required = false) @Nullable Boolean enabled,
            @RequestParam(required = false) @Nullable String email, RedirectAttributes redirect) {
        return done(redirect, "/admin/accounts", () -> {
            if (role != null) {
                accounts.setRole(name, role);
            }
            if (enabled != null) {
                accounts.setEnabled(name, enabled);
            }
            if (email != null) {
                accounts.setEmail(name, email);
            }
            return "User " + name + " saved.";
        });
    }

    @PostMapping("/admin/users/{name}/password")
    String resetPassword(@PathVariable String name, @RequestParam String password, RedirectAttributes redirect) {
        return done(redirect, "/admin/accounts", () -> {
            accounts.resetPassword(name, password);
            return "New password set for " + name + ".";
        });
    }

    @PostMapping("/admin/users/{name}/delete")
    String deleteUser(@PathVariable String name, @RequestParam(defaultValue = "false") boolean confirm,
            RedirectAttributes redirect) {
        return done(redirect, "/admin/accounts", () -> {
            if (!confirm) {
                throw new InvalidInputException("tick the box to confirm deleting " + name);
            }
            accounts.deleteUser(name);
            return "User " + name + " deleted, with their tokens.";
        });
    }

    @PostMapping("/admin/tokens")
    String createToken(@RequestParam String name, @RequestParam Role role,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String expires,
            @RequestParam(defaultValue = "UTC") String zone, RedirectAttributes redirect) {
        return done(redirect, "/admin/accounts", () -> {
            Instant expiresAt = LocalTimes.parse(expires, zone, "expires");
            String token = accounts.createToken(name, role, owner == null || owner.isBlank() ? null : owner,
                    expiresAt);
            redirect.addFlashAttribute("newToken", token);
            return "Token " + name + " created. Copy it now: it is shown this once.";
        });
    }

    @PostMapping("/admin/tokens/{token}/revoke")
    String revoke(@PathVariable String token, RedirectAttributes redirect) {
        return done(redirect, "/admin/accounts", () -> "Revoked " + accounts.revokeToken(token, null) + " token(s).");
    }

    @GetMapping("/account")
    String account(Model model) {
        String me = CurrentViewer.actor();
        model.addAttribute("me", accounts.findUser(me).orElse(null));
        boolean person = accounts.findUser(me).isPresent();
        model.addAttribute("tokens", person ? accounts.tokens(me) : java.util.List.of());
        model.addAttribute("roles", Role.values());
        model.addAttribute("reminders", person ? reminders.of(me) : ReminderSettings.DEFAULT);
        model.addAttribute("calendars", person ? calendars.of(me) : java.util.List.of());
        return "account";
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam String oldPassword, @RequestParam String newPassword,
            @RequestParam String repeat, RedirectAttributes redirect) {
        return done(redirect, "/account", () -> {
            if (!newPassword.equals(repeat)) {
                throw new InvalidInputException("the new password and its repetition differ");
            }
            accounts.changePassword(CurrentViewer.actor(), oldPassword, newPassword);
            return "Password changed.";
        });
    }

    @PostMapping("/account/tokens")
    String createMyToken(@RequestParam String name, @RequestParam(required = false) @Nullable Role role,
            @RequestParam(required = false) @Nullable String expires,
            @RequestParam(defaultValue = "UTC") String zone, RedirectAttributes redirect) {
        return done(redirect, "/account", () -> {
            String me = CurrentViewer.actor();
            Role wanted = role != null ? role : accounts.findUser(me).orElseThrow().role();
            String token = accounts.createToken(name, wanted, me, LocalTimes.parse(expires, zone, "expires"));
            redirect.addFlashAttribute("newToken", token);
            return "Token " + name + " created. Copy it now: it is shown this once.";
        });
    }

    @PostMapping("/account/tokens/{token}/revoke")
    String revokeMine(@PathVariable String token, RedirectAttributes redirect) {
        return done(redirect, "/account",
                () -> "Revoked " + accounts.revokeToken(token, CurrentViewer.actor()) + " token(s).");
    }

    @PostMapping("/account/reminders")
    String saveReminders(@RequestParam(defaultValue = "false") boolean enabled, @RequestParam int hour,
            @RequestParam(defaultValue = "UTC") String zone, RedirectAttributes redirect) {
        return done(redirect, "/account", () -> {
            var saved = reminders.save(CurrentViewer.actor(), new ReminderSettings.Setting(enabled, hour, zone));
            return saved.enabled() ? "Reminders at " + saved.hour() + ":00 " + saved.zone() + "." : "Reminders off.";
        });
    }

    @PostMapping("/account/calendars")
    String createCalendar(@RequestParam(required = false) @Nullable String team, RedirectAttributes redirect) {
        return done(redirect, "/account", () -> {
            String secret = calendars.create(CurrentViewer.actor(), team);
            redirect.addFlashAttribute("newCalendar", "/calendar/" + secret + ".ics");
            return "Calendar feed created. Subscribe to it now: the address is shown this once.";
        });
    }

    @PostMapping("/account/calendars/{id}/revoke")
    String revokeCalendar(@PathVariable long id, RedirectAttributes redirect) {
        return done(redirect, "/account", () -> {
            calendars.revoke(CurrentViewer.actor(), id);
            return "Calendar feed revoked.";
        });
    }

    /** Runs a change; the page comes back saying what was done, or what was wrong (a user's mistake is no 500). */
    private static String done(RedirectAttributes redirect, String back, Supplier<String> change) {
        try {
            redirect.addFlashAttribute("saved", change.get());
        } catch (InvalidInputException | ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + back;
    }
}
