package dev.hindsight.web.postmortems;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.reporting.export.ExportFormat;
import dev.hindsight.reporting.export.ExportedFile;
import dev.hindsight.reporting.export.Exports;
import dev.hindsight.reporting.postmortem.LineDiff;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.PostMortemReviews;
import dev.hindsight.reporting.postmortem.PostMortemTemplate;
import dev.hindsight.reporting.postmortem.PostMortemTemplates;
import dev.hindsight.reporting.postmortem.PostMortemVersion;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.reporting.postmortem.Section;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.support.Zones;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Post-mortems over REST: the document, its versions and review, templates, and exports (as {@code export}). */
@RestController
class PostMortemApi {

    private final PostMortems postMortems;
    private final PostMortemReviews reviews;
    private final ReviewerNames reviewerNames;
    private final PostMortemTemplates templates;
    private final Exports exports;
    private final AuditLog audit;

    PostMortemApi(PostMortems postMortems, PostMortemReviews reviews, ReviewerNames reviewerNames,
            PostMortemTemplates templates, Exports exports, AuditLog audit) {
        this.postMortems = postMortems;
        this.reviews = reviews;
        this.reviewerNames = reviewerNames;
        this.templates = templates;
        this.exports = exports;
        this.audit = audit;
    }

    record StatusChange(@Nullable ReviewStatus status) {}

    record ReviewRequest(@Nullable List<String> reviewers) {}

    record ApprovalNote(@Nullable String note) {}

    record NewComment(@Nullable Section section, @Nullable String entryId, @Nullable String body) {}

    @GetMapping("/api/incidents/{key}/postmortem")
    PostMortem postMortem(@PathVariable String key) {
        return postMortems.current(key, CurrentViewer.get());
    }

    /** Saves the sections given (the others stay as they were), and optionally another template or cause. */
    @PutMapping("/api/incidents/{key}/postmortem")
    PostMortem save(@PathVariable String key, @RequestBody PostMortems.Edit body) {
        PostMortem saved = postMortems.save(key, body, CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "edit postmortem", saved.incidentKey(), "success",
                "version " + saved.version());
        return saved;
    }

    @PostMapping("/api/incidents/{key}/postmortem/status")
    PostMortem status(@PathVariable String key, @RequestBody StatusChange body) {
        if (body.status() == null) {
            throw new InvalidInputException("give the new status: DRAFT, IN_REVIEW or PUBLISHED");
        }
        return PostMortemPage.changeStatus(postMortems, reviews, audit, key, body.status());
    }

    @GetMapping("/api/incidents/{key}/postmortem/review")
    PostMortemReviews.Review review(@PathVariable String key) {
        return reviews.review(key, CurrentViewer.get());
    }

    /** Names people to review the post-mortem and puts it in review. */
    @PostMapping("/api/incidents/{key}/postmortem/reviewers")
    PostMortemReviews.Review requestReview(@PathVariable String key, @RequestBody ReviewRequest body) {
        List<String> names = reviewerNames.known(body.reviewers() == null ? List.of() : body.reviewers());
        PostMortemReviews.Review review = reviews.requestReview(key, names, CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "request postmortem review", review.incidentKey(), "success",
                String.join(", ", names));
        return review;
    }

    /** Approves the post-mortem as it stands: anyone but the author of its current content. */
    @PostMapping("/api/incidents/{key}/review/approve")
    PostMortemReviews.Review approve(@PathVariable String key,
            @RequestBody(required = false) @Nullable ApprovalNote body) {
        PostMortemReviews.Review review = reviews.approve(key, body == null ? null : body.note(), CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "approve postmortem", review.incidentKey(), "success",
                "version " + review.contentVersion());
        return review;
    }

    @GetMapping("/api/incidents/{key}/review/comments")
    List<PostMortemReviews.Comment> comments(@PathVariable String key) {
        return reviews.comments(key, CurrentViewer.get());
    }

    /** Comments on a section, a timeline entry ({@code entryId}) or the whole; {@code @name} mentions a user. */
    @PostMapping("/api/incidents/{key}/review/comments")
    @ResponseStatus(HttpStatus.CREATED)
    PostMortemReviews.Comment comment(@PathVariable String key, @RequestBody NewComment body) {
        return reviews.comment(key, body.section(), body.entryId(), body.body() == null ? "" : body.body(),
                CurrentViewer.get());
    }

    @GetMapping("/api/incidents/{key}/postmortem/versions")
    List<PostMortemVersion> versions(@PathVariable String key) {
        return postMortems.versions(key, CurrentViewer.get());
    }

    @GetMapping("/api/incidents/{key}/postmortem/diff")
    List<LineDiff.Line> diff(@PathVariable String key, @RequestParam int from, @RequestParam int to) {
        return postMortems.diff(key, from, to, CurrentViewer.get());
    }

    @GetMapping("/api/postmortem-templates")
    List<PostMortemTemplate> templates() {
        return templates.list();
    }

    /** Adds or replaces a team's template: its sections (from the standard set) in order, with headings and guidance. */
    @PostMapping("/api/postmortem-templates")
    @ResponseStatus(HttpStatus.CREATED)
    PostMortemTemplate saveTemplate(@RequestBody PostMortemTemplate template) {
        PostMortemTemplate saved = templates.save(template, CurrentViewer.actor());
        audit.record(CurrentViewer.actor(), "save postmortem template", saved.name(), "success",
                saved.sections().size() + " sections");
        return saved;
    }

    @GetMapping("/api/incidents/{key}/export")
    ResponseEntity<byte[]> export(@PathVariable String key, @RequestParam String format,
            @RequestParam(required = false) @Nullable String zone) {
        ExportFormat f = ExportFormat.parse(format);
        ExportedFile file = exports.export(key, f, Zones.parse(zone), CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "export", key, "success",
                f.extension() + (file.restricted() ? ", restricted incident" : ""));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .body(file.bytes());
    }
}
