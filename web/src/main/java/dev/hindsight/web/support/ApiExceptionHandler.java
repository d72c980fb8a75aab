package dev.hindsight.web.support;

import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.core.store.StoreUnavailableException;
import dev.hindsight.ingest.push.PushIntake;
import dev.hindsight.search.incident.IncidentExistsException;
import java.net.URI;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Maps domain failures of the REST API to RFC 9457 problem details; domain code stays free of HTTP. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    @ExceptionHandler(QueryRejectedException.class)
    ProblemDetail badQuery(QueryRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_QUERY, "Query refused", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(IncidentExistsException.class)
    ProblemDetail conflict(IncidentExistsException e) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Already exists", e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, MethodArgumentTypeMismatchException.class})
    ProblemDetail badRequest(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ProblemDetail notMultipart(org.springframework.web.multipart.MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Bad upload",
                "send the files as multipart/form-data, one 'file' part each (" + e.getMessage() + ")");
    }

    @ExceptionHandler(dev.hindsight.reporting.actions.TrackerException.class)
    ProblemDetail tracker(dev.hindsight.reporting.actions.TrackerException e) {
        return problem(HttpStatus.BAD_GATEWAY, ProblemTypes.TRACKER_FAILED, "Tracker failed", e.getMessage());
    }

    @ExceptionHandler(PushIntake.MalformedBodyException.class)
    ProblemDetail malformedBody(PushIntake.MalformedBodyException e) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Malformed body", e.getMessage());
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(StoreUnavailableException e) {
        return storeUnavailable(e.getMessage() + "; nothing was stored, retry later");
    }

    /** The database went away under a read or a write outside the event store (accounts, audit, reports). */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
        return storeUnavailable("the database is unavailable; retry later");
    }

    private static ResponseEntity<ProblemDetail> storeUnavailable(String detail) {
        ProblemDetail body = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.STORE_UNAVAILABLE,
                "Store unavailable", detail);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, StoreOutage.RETRY_AFTER_SECONDS)
                .body(body);
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(type);
        p.setTitle(title);
        return p;
    }
}
