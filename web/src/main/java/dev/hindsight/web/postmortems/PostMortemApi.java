package dev.hindsight.web.postmortems;

import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.reporting.export.ExportFormat;
import dev.hindsight.reporting.export.ExportedFile;
import dev.hindsight.reporting.export.Exports;
import dev.hindsight.reporting.postmortem.LineDiff;
import dev.hindsight.reporting.postmortem.PostMortem;
import dev.hindsight.reporting.postmortem.PostMortemTemplate;
import dev.hindsight.reporting.postmortem.PostMortemTemplates;
import dev.hindsight.reporting.postmortem.PostMortemVersion;
import dev.hindsight.reporting.postmortem.PostMortems;
import dev.hindsight.reporting.postmortem.ReviewStatus;
import dev.hindsight.web.security.CurrentViewer;
import dev.hindsight.web.support.AuditLog;
import dev.hindsight.web.support.Zones;
import java.util.List;
import java.util.Locale;
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
    private final PostMortemTemplates templates;
    private final Exports exports;
    private final AuditLog audit;

    PostMortemApi(PostMortems postMortems, PostMortemTemplates templates, Exports exports, AuditLog audit) {
        this.postMortems = postMortems;
        this.templates = templates;
        this.exports = exports;
        this.audit = audit;
    }

    record StatusChange(@Nullable ReviewStatus status) {}

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
        PostMortem changed = postMortems.review(key, body.status(), CurrentViewer.get());
        audit.record(CurrentViewer.actor(), "postmortem " + body.status().name().toLowerCase(Locale.ROOT),
                changed.incidentKey(), "success", "version " + changed.version());
        return changed;
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
