package com.example.likes.platform.web;

import com.example.likes.platform.observability.Correlation;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every REST request a request id: the client's {@code X-Request-Id} when it sent a plain one, a new UUID
 * otherwise. The response echoes it, and it becomes Micrometer Tracing baggage for the rest of the request, which
 * carries it as {@code x-request-id} metadata on every gRPC call the request makes, and from there on every call
 * those servers make, into the MDC of each service's log lines.
 *
 * <p>Runs just inside Spring's HTTP observation filter, so that the request's span is already current.
 */
class RequestIdFilter extends OncePerRequestFilter {

    private final @Nullable Tracer tracer;

    RequestIdFilter(@Nullable Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String sent = request.getHeader(Correlation.REQUEST_ID_HEADER);
        String id =
                Correlation.isValidRequestId(sent) ? sent : UUID.randomUUID().toString();
        response.setHeader(Correlation.REQUEST_ID_HEADER, id);
        if (tracer == null) {
            chain.doFilter(request, response);
            return;
        }
        try (BaggageInScope baggage = tracer.createBaggageInScope(Correlation.REQUEST_ID, id)) {
            chain.doFilter(request, response);
        }
    }
}
