package dev.hindsight.web.actions;

import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.web.security.CurrentViewer;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /calendar/SECRET.ics}, what a calendar app subscribes to (the secret is the only credential, as calendar
 * apps cannot sign in), and each person's feeds at {@code /api/me/calendars}.
 */
@RestController
class CalendarFeedController {

    private final CalendarFeeds feeds;

    CalendarFeedController(CalendarFeeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping("/calendar/{secret}.ics")
    ResponseEntity<String> calendar(@PathVariable String secret) {
        return feeds.calendar(secret)
                .map(ics -> ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar;charset=UTF-8"))
                        .header("Cache-Control", "private, max-age=300").body(ics))
                .orElseThrow(() -> new NotFoundException("no such calendar feed (revoked, or never was)"));
    }

    record NewFeed(@Nullable String team) {}

    /** Answers with the feed's path, shown this once. */
    @PostMapping("/api/me/calendars")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@RequestBody(required = false) @Nullable NewFeed body) {
        String secret = feeds.create(CurrentViewer.actor(), body == null ? null : body.team());
        return Map.of("url", "/calendar/" + secret + ".ics");
    }

    @GetMapping("/api/me/calendars")
    List<CalendarFeeds.Feed> mine() {
        return feeds.of(CurrentViewer.actor());
    }

    @DeleteMapping("/api/me/calendars/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable long id) {
        feeds.revoke(CurrentViewer.actor(), id);
    }
}
