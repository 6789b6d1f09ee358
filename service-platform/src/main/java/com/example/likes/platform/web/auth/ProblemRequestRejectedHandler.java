package com.example.likes.platform.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's firewall refuses some requests that the servlet container lets through (a {@code ;} or an
 * encoded {@code %} in the path, a double slash, an unknown HTTP method, control characters in a header): a 400 in
 * problem+json like every other bad request, which does not echo the request.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    static final String DETAIL = "the request is malformed: its method, path or a header holds something this API"
            + " does not accept (such as ';', '//', an encoded '%' or '/', or a control character)";

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        ProblemResponses.write(response, HttpStatus.BAD_REQUEST, DETAIL);
    }
}
