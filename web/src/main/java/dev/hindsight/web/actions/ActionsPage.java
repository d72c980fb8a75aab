package dev.hindsight.web.actions;

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
    private final AuditLog audit;

    ActionsPage(ActionItems actions, AuditLog audit) {
        this.actions = actions;
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

    @PostMapping("/actions/{id}")
    String changeItem(@PathVariable long id, @RequestParam ActionItem.Status status) {
        ActionItem item = actions.change(id, new ActionItems.Change(null, null, null, null, null, null, status, null),
                CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "change action item", item.incidentKey() + "#" + id, "success",
                "status " + status);
        return "redirect:/actions#item-" + id;
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
