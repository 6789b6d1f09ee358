package com.example.likes.platform.management;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A state-changing request that a page on another site could make an operator's browser send: not a safe method, and
 * none of what a browser adds only when a script asks for it (and, across sites, only after a CORS preflight that the
 * management port never grants): a bearer key, the header {@value #REQUESTED_BY}, or a JSON content type. A browser
 * keeps HTTP Basic credentials once typed and sends them with any request to the port, a cross-site form's included.
 */
final class CrossSiteForgeable implements RequestMatcher {

    /** The header a script or tool sends to show that it, not a cross-site form, makes the request (any value). */
    static final String REQUESTED_BY = "X-Requested-By";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String BEARER = "bearer ";

    @Override
    public boolean matches(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        return !bearer && request.getHeader(REQUESTED_BY) == null && !isJson(request.getContentType());
    }

    // application/json or application/<anything>+json: a browser sends these across sites only after a preflight.
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
