package com.example.likes.platform.management;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A 403 in problem+json for an operator's state-changing request that a cross-site page could have sent
 * ({@link CrossSiteForgeable}), saying what to send instead.
 */
final class OperatorAccessDenied implements AccessDeniedHandler {

    private static final String BODY = """
            {"type":"about:blank","title":"Forbidden","status":403,\
            "detail":"A state-changing operator request needs what a browser does not send to another site by\
             itself: the key as Authorization: Bearer, the header %s, or Content-Type: application/json."}""".formatted(CrossSiteForgeable.REQUESTED_BY);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(BODY);
    }
}
