package com.example.likes.platform.management;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A 401 in problem+json, which says how to authenticate (Basic or Bearer) and never why a credential failed. A request
 * that brought a credential failed to log in: {@link FailedLogins} counts and logs it.
 */
final class OperatorEntryPoint implements AuthenticationEntryPoint {

    private static final String BODY = """
            {"type":"about:blank","title":"Unauthorized","status":401,\
            "detail":"This endpoint needs the operator's credential (HTTP Basic as operator, or a bearer key)."}""";

    private final FailedLogins failedLogins;

    OperatorEntryPoint(FailedLogins failedLogins) {
        this.failedLogins = failedLogins;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (FailedLogins.attempted(request)) {
            failedLogins.failed(request);
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"operator\", Bearer realm=\"operator\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(BODY);
    }
}
