package dev.hindsight.web.support;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The catalogue of problems the API answers with: each a stable type URI, a status and a title. */
public enum ProblemTypes {
    BAD_QUERY("bad-query", HttpStatus.BAD_REQUEST, "Query refused"),
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
    BAD_UPLOAD("bad-upload", HttpStatus.BAD_REQUEST, "Bad upload"),
    MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed body"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict"),
    STORE_UNAVAILABLE("store-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable"),
    TRACKER_FAILED("tracker-failed", HttpStatus.BAD_GATEWAY, "Tracker failed");

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemTypes(String slug, HttpStatus status, String title) {
        this.type = URI.create("/problems/" + slug);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    /** This problem with what went wrong this time. */
    public ProblemDetail problem(String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(type);
        p.setTitle(title);
        return p;
    }
}
