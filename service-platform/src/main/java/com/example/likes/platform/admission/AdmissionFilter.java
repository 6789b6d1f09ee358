package com.example.likes.platform.admission;

import com.example.likes.platform.error.OverloadedException;
import com.netflix.concurrency.limits.Limiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Admission control on the REST port: a request beyond what the service can serve now is refused at once with 503,
 * {@code Retry-After} and problem+json, before it costs anything (authentication, parsing, a database connection).
 *
 * <p>Two limits apply. The adaptive one ({@link AdmissionLimits#adaptiveSharedBy}) is shared by the public reads
 * and every other request, each kind guaranteed half of it, so that a flood of reads cannot shut out likes and
 * writes. The fixed one caps the public reads in progress below the database pool's size, so that reads never
 * hold the connections that likes, writes and replication need. The management port has a servlet context of its
 * own that this filter is not part of: health and metrics stay reachable whatever the load.
 *
 * <p>Written against concurrency-limits' core because its servlet module is not published for Jakarta Servlet at
 * any version Maven Central serves (decision 40); it also answers in the platform's problem+json.
 */
final class AdmissionFilter extends OncePerRequestFilter {

    static final String READS = "reads";
    static final String OTHERS = "others";

    private final Optional<Limiter<HttpServletRequest>> adaptive;
    private final Limiter<HttpServletRequest> reads;
    private final Duration retryAfter;
    private final HandlerExceptionResolver resolver;

    AdmissionFilter(
            Optional<Limiter<HttpServletRequest>> adaptive,
            Limiter<HttpServletRequest> reads,
            Duration retryAfter,
            HandlerExceptionResolver resolver) {
        this.adaptive = adaptive;
        this.reads = reads;
        this.retryAfter = retryAfter;
        this.resolver = resolver;
    }

    /** {@link #READS} for a public read ({@code GET} or {@code HEAD} under {@code /api/}), else {@link #OTHERS}. */
    static String kindOf(HttpServletRequest request) {
        String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method))
                        && request.getRequestURI().startsWith("/api/")
                ? READS
                : OTHERS;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Limiter.Listener> admitted =
                adaptive.isPresent() ? adaptive.get().acquire(request) : Optional.of(Unlimited.LISTENER);
        if (admitted.isEmpty()) {
            refuse(request, response, "this service is at its capacity; try again shortly");
            return;
        }
        Optional<Limiter.Listener> read =
                READS.equals(kindOf(request)) ? reads.acquire(request) : Optional.of(Unlimited.LISTENER);
        if (read.isEmpty()) {
            admitted.get().onIgnore();
            refuse(request, response, "this service is serving as many reads as it can; try again shortly");
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            read.get().onIgnore();
            admitted.get().onIgnore();
            throw e;
        }
        read.get().onSuccess();
        // A request the client's own rate limit turned away took no real work: it says nothing about latency.
        if (response.getStatus() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            admitted.get().onIgnore();
        } else {
            admitted.get().onSuccess();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String why) {
        resolver.resolveException(request, response, null, new OverloadedException(why, retryAfter));
    }

    private enum Unlimited implements Limiter.Listener {
        LISTENER;

        @Override
        public void onSuccess() {}

        @Override
        public void onIgnore() {}

        @Override
        public void onDropped() {}
    }
}
