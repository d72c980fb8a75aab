package dev.hindsight.web.support;

import java.net.URI;

/** Stable type URIs of the problems the API returns. */
public final class ProblemTypes {
    public static final URI BAD_QUERY = URI.create("/problems/bad-query");
    public static final URI BAD_REQUEST = URI.create("/problems/bad-request");
    public static final URI NOT_FOUND = URI.create("/problems/not-found");
    public static final URI CONFLICT = URI.create("/problems/conflict");
    public static final URI STORE_UNAVAILABLE = URI.create("/problems/store-unavailable");
    public static final URI TRACKER_FAILED = URI.create("/problems/tracker-failed");

    private ProblemTypes() {}
}
