package dev.hindsight.web.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An RFC 9457 problem answered straight from a servlet filter (authentication, rate limits), where the MVC exception
 * handlers do not reach. Titles and details are our own text, never request data.
 */
final class FilterProblems {

    private FilterProblems() {}

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
