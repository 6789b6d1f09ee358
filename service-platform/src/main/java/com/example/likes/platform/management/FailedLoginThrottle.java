package com.example.likes.platform.management;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with 429 and {@code Retry-After}, a request with a credential from an address whose failed logins used up
 * {@link FailedLogins}' limit, before the credential is checked.
 */
final class FailedLoginThrottle extends OncePerRequestFilter {

    private static final String BODY = """
            {"type":"about:blank","title":"Too Many Requests","status":429,\
            "detail":"Too many failed operator logins from this address; try again after Retry-After seconds."}""";

    private final FailedLogins failedLogins;

    FailedLoginThrottle(FailedLogins failedLogins) {
        this.failedLogins = failedLogins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = FailedLogins.attempted(request) ? failedLogins.blocked(request) : Optional.empty();
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        // Whole seconds, rounded up: rounding down would invite an attempt that is refused again.
        Duration retryAfter = wait.get();
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(BODY);
    }
}
