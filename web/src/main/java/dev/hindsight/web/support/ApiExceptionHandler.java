package dev.hindsight.web.support;

import dev.hindsight.core.error.ConflictException;
import dev.hindsight.core.error.InvalidInputException;
import dev.hindsight.core.error.NotFoundException;
import dev.hindsight.core.store.QueryRejectedException;
import dev.hindsight.core.store.StoreUnavailableException;
import dev.hindsight.reporting.actions.TrackerException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;

/**
 * Maps the failures a caller can act on to RFC 9457 problem details, through the catalogue of {@link ProblemTypes}:
 * not found 404, a clash with the current state 409, bad input 400, a store that cannot take writes 503. Domain code
 * stays free of HTTP; anything else that escapes is a bug and answers 500.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    @ExceptionHandler(QueryRejectedException.class)
    ProblemDetail badQuery(QueryRejectedException e) {
        return ProblemTypes.BAD_QUERY.problem(e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemTypes.NOT_FOUND.problem(e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return ProblemTypes.CONFLICT.problem(e.getMessage());
    }

    @ExceptionHandler({InvalidInputException.class, MethodArgumentTypeMismatchException.class})
    ProblemDetail badRequest(Exception e) {
        return ProblemTypes.BAD_REQUEST.problem(e.getMessage());
    }

    @ExceptionHandler(MultipartException.class)
    ProblemDetail notMultipart(MultipartException e) {
        return ProblemTypes.BAD_UPLOAD
                .problem("send the files as multipart/form-data, one 'file' part each (" + e.getMessage() + ")");
    }

    @ExceptionHandler(TrackerException.class)
    ProblemDetail tracker(TrackerException e) {
        return ProblemTypes.TRACKER_FAILED.problem(e.getMessage());
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(StoreUnavailableException e, HttpServletRequest request) {
        // a read (search on a cluster that is away) stored nothing because it was never going to
        boolean read = HttpMethod.GET.matches(request.getMethod());
        return storeUnavailable(e.getMessage() + (read ? "; retry later" : "; nothing was stored, retry later"));
    }

    /** The database went away under a read or a write outside the event store (accounts, audit, reports). */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
        return storeUnavailable("the database is unavailable; retry later");
    }

    private static ResponseEntity<ProblemDetail> storeUnavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, StoreOutage.RETRY_AFTER_SECONDS)
                .body(ProblemTypes.STORE_UNAVAILABLE.problem(detail));
    }
}
