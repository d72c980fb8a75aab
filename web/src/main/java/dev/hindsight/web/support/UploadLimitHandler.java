package dev.hindsight.web.support;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Uploads are bounded by policy. The limit strikes while the request is parsed, before any controller is chosen, so
 * this advice applies to every handler (the API's own advice only sees exceptions from its controllers). The answer
 * names the limit and the way around it: the command-line import streams files of any size.
 */
@RestControllerAdvice
@ConditionalOnWebApplication // a command has no multipart settings and takes no uploads
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring Boot's problem-details advice, which would answer with a generic text
class UploadLimitHandler {

    private final ObjectProvider<MultipartProperties> multipart;

    UploadLimitHandler(ObjectProvider<MultipartProperties> multipart) {
        this.multipart = multipart;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "an upload may carry at most " + limitMegabytes(e) + " MB (spring.servlet.multipart.max-request-size); "
                        + "import bigger files on the server with `hindsight import FILE`, which streams them");
        problem.setTitle("Upload too large");
        return problem;
    }

    private long limitMegabytes(MaxUploadSizeExceededException e) {
        MultipartProperties settings = multipart.getIfAvailable();
        return settings != null ? settings.getMaxRequestSize().toMegabytes() : e.getMaxUploadSize() >> 20;
    }
}
