package dev.hindsight.web.incidents;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.Zones;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The incident page's forms: edit the incident (times as the viewer's clock shows them, in the zone their browser
 * names), close it, reopen it. A mistake comes back to the form with its reason and what was typed.
 */
@Controller
class IncidentEditPage {

    private final IncidentEdits edits;

    IncidentEditPage(IncidentEdits edits) {
        this.edits = edits;
    }

    @PostMapping("/incidents/{key}/edit")
    String edit(@PathVariable String key, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            ZoneId zone = Zones.parse(form.getOrDefault("zone", "UTC"));
            edits.apply(key, new IncidentEdits.Patch(form.get("title"), form.get("severity"), form.get("status"),
                    form.get("summary"), local(form.get("from"), zone, "from"), local(form.get("to"), zone, "to"),
                    form.get("commander"), form.get("scribe"), form.get("commsLead"), form.get("team"),
                    form.get("causeCategory"), list(form.get("services")), list(form.get("tags")),
                    list(form.get("participants"))), CurrentViewer.get());
            redirect.addFlashAttribute("saved", "Incident updated.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("editError", e.getMessage());
            redirect.addFlashAttribute("editForm", form);
        }
        return "redirect:/incidents/" + key;
    }

    @PostMapping("/incidents/{key}/close")
    String close(@PathVariable String key, RedirectAttributes redirect) {
        edits.close(key, CurrentViewer.get());
        redirect.addFlashAttribute("saved", "Incident closed. Reopen it if work starts again.");
        return "redirect:/incidents/" + key;
    }

    @PostMapping("/incidents/{key}/reopen")
    String reopen(@PathVariable String key, RedirectAttributes redirect) {
        edits.reopen(key, CurrentViewer.get());
        redirect.addFlashAttribute("saved", "Incident reopened: investigating.");
        return "redirect:/incidents/" + key;
    }

    /** A {@code datetime-local} value in the viewer's zone; empty leaves the time as it is. */
    private static @Nullable Instant local(@Nullable String value, ZoneId zone, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("'" + field + "' is not a date and time: '" + value + "'");
        }
    }

    /** "db, api gateway" as a set; absent leaves the list as it is, empty clears it. */
    private static @Nullable Set<String> list(@Nullable String value) {
        if (value == null) {
            return null;
        }
        Set<String> items = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }
}
