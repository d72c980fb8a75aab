package dev.hindsight.web.actions;

import dev.hindsight.web.security.Accounts;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.reporting.actions.ActionItem;
import dev.hindsight.reporting.actions.ActionItems;
import dev.hindsight.reporting.actions.NewActionItem;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The action items page (all, mine, overdue, a team board) and the forms that open and change items. */
@Controller
class ActionsPage {

    private final ActionItems actions;
    private final Accounts accounts;
    private final AuditLog audit;

    ActionsPage(ActionItems actions, Accounts accounts, AuditLog audit) {
        this.actions = actions;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/actions")
    String actionItems(@RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String team, @RequestParam(defaultValue = "false") boolean board,
            Model model) {
        var viewer = CurrentViewer.get();
        List<ActionItem> items = actions.list(new ActionItems.Filter(null, blank(owner), blank(team), overdue, board),
                viewer);
        Map<String, List<ActionItem>> byTeam = new TreeMap<>();
        items.forEach(a -> byTeam.computeIfAbsent(a.team() == null ? "(no team)" : a.team(), t -> new ArrayList<>())
                .add(a));
        model.addAttribute("items", items);
        model.addAttribute("byTeam", byTeam);
        model.addAttribute("board", board);
        model.addAttribute("overdue", overdue ? "true" : null);
        model.addAttribute("owner", blank(owner));
        model.addAttribute("team", blank(team));
        model.addAttribute("me", viewer.name());
        model.addAttribute("view", overdue || owner != null || team != null || board ? "filtered" : "all");
        model.addAttribute("today", actions.today());
        model.addAttribute("statuses", ActionItem.Status.values());
        model.addAttribute("priorities", ActionItem.Priority.values());
        model.addAttribute("types", ActionItem.Type.values());
        model.addAttribute("users", accounts.usernames());
        model.addAttribute("back", "/actions" + (board
                ? "?board=true"
                : overdue
                        ? "?overdue=true"
                        : owner != null
                                ? "?owner=" + java.net.URLEncoder.encode(owner, java.nio.charset.StandardCharsets.UTF_8)
                                : ""));
        model.addAttribute("overdueCount",
                actions.list(new ActionItems.Filter(null, null, null, true, false), viewer).size());
        model.addAttribute("description", board
                ? "Open items by team."
                : overdue
                        ? "Open items past their due date."
                        : owner != null
                                ? "Items owned by " + owner + "."
                                : team != null
                                        ? "Items of team " + team + "."
                                        : "All action items, soonest due first.");
        return "actions";
    }

    /**
     * Changes the fields the form sends (from a row's edit form, or only its status): owner, team, due date, priority,
     * type, status, tracker key. An empty owner, team, due date or tracker key clears it.
     */
    @PostMapping("/actions/{id}")
    String changeItem(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        String back = back(form.get("back"));
        try {
            ActionItem before = actions.find(id, CurrentViewer.get());
            ActionItem item = actions.change(id, change(form, before.owner()), CurrentViewer.get());
            audit.record(CurrentViewer.actor(), "change action item", item.incidentKey() + "#" + id, "success",
                    described(form));
            redirect.addFlashAttribute("saved", "Action item " + id + " saved.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("editError", "Action item " + id + ": " + e.getMessage());
        }
        return "redirect:" + back + "#item-" + id;
    }

    /** The same change to every selected item; fields left empty stay as each item has them. */
    @PostMapping("/actions/bulk")
    String changeItems(@RequestParam(name = "id", required = false) @Nullable List<Long> ids,
            @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        String back = back(form.get("back"));
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("editError", "Select the items to change first.");
            return "redirect:" + back;
        }
        Map<String, String> set = new java.util.HashMap<>();
        form.forEach((field, value) -> {
            if (!value.isBlank() && !field.equals("id") && !field.equals("back") && !field.startsWith("_")) {
                set.put(field, value);
            }
        });
        try {
            for (long id : ids) {
                ActionItem item = actions.change(id, change(set, null), CurrentViewer.get());
                audit.record(CurrentViewer.actor(), "change action item", item.incidentKey() + "#" + id, "success",
                        described(set));
            }
            redirect.addFlashAttribute("saved", ids.size() + " action items saved.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("editError", e.getMessage());
        }
        return "redirect:" + back;
    }

    /** The change a form asks for; an owner newly named must be a user (one kept as it was, e.g. imported, stays). */
    private ActionItems.Change change(Map<String, String> form, @Nullable String currentOwner) {
        String owner = form.get("owner");
        if (owner != null && !owner.isBlank() && !owner.strip().equals(currentOwner)
                && accounts.findUser(owner.strip()).isEmpty()) {
            throw new InvalidInputException("'" + owner + "' is not a user of this Hindsight");
        }
        return new ActionItems.Change(null, owner, form.get("team"), parse(ActionItem.Type.class, form.get("type")),
                parse(ActionItem.Priority.class, form.get("priority")), form.get("dueDate"),
                parse(ActionItem.Status.class, form.get("status")), form.get("trackerKey"));
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("'" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).replaceAll("[\\[\\]]", ""));
        }
    }

    private static String described(Map<String, String> form) {
        return form.entrySet().stream().filter(e -> !e.getKey().equals("back") && !e.getKey().startsWith("_"))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(java.util.stream.Collectors.joining(", "));
    }

    /** Back to the page the form was on: the board, a filtered list, a post-mortem; never elsewhere. */
    private static String back(@Nullable String back) {
        return back != null && back.matches("/(actions|incidents/[A-Za-z0-9._-]+/postmortem)(\\?[\\w=&%.-]*)?")
                ? back
                : "/actions";
    }

    @PostMapping("/incidents/{key}/actions")
    String openItem(@PathVariable String key, @RequestParam String title,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String team, @RequestParam ActionItem.Type type,
            @RequestParam ActionItem.Priority priority, @RequestParam(required = false) @Nullable LocalDate dueDate,
            RedirectAttributes redirect) {
        ActionItem item = actions.open(key,
                new NewActionItem(key, title, null, owner, team, type, priority, dueDate), CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "open action item", item.incidentKey() + "#" + item.id(), "success",
                item.title());
        redirect.addFlashAttribute("saved", "Action item " + item.id() + " opened.");
        return "redirect:/incidents/" + item.incidentKey() + "/postmortem";
    }

    @PostMapping("/incidents/{key}/actions/from-lessons")
    String trackLessons(@PathVariable String key, RedirectAttributes redirect) {
        List<ActionItem> opened = actions.fromLessons(key, CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "open action items from lessons", key, "success",
                opened.size() + " opened");
        redirect.addFlashAttribute("saved", opened.isEmpty()
                ? "Every lesson already has an action item."
                : opened.size() + " action items opened; give each an owner and a due date.");
        return "redirect:/incidents/" + key + "/postmortem";
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
