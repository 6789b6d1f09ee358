package com.example.likes.platform.web.ratelimit;

import com.example.likes.platform.error.RateLimitedException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Set;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Two Bucket4j token buckets per client for the public REST API, as the gRPC side has per caller
 * ({@code grpc/ratelimit}): one for writes, one for reads, each with a budget of its own, so that a client that
 * reads a lot keeps its writes and the other way round. A request over its budget is a
 * {@link RateLimitedException}: 429 with {@code Retry-After}, in problem+json. The buckets live in Caffeine caches
 * bounded in size, so that many clients cannot grow memory without end.
 *
 * <p>The client is {@link ClientAddress#of its address}: {@link HttpServletRequest#getRemoteAddr()}, which is the
 * address a trusted proxy forwarded ({@code PLATFORM_WEB_TRUSTED_PROXIES}) and otherwise the peer's; an IPv6 client
 * is its /64 network.
 */
final class ClientRateLimitInterceptor implements HandlerInterceptor {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Budget writes;
    private final Budget reads;

    ClientRateLimitInterceptor(RestRateLimitProperties properties) {
        this.writes = new Budget("writes", properties.requests(), properties.per(), properties.maxClients());
        this.reads = new Budget("reads", properties.readRequests(), properties.readPer(), properties.maxClients());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        (WRITES.contains(request.getMethod()) ? writes : reads).take(ClientAddress.of(request.getRemoteAddr()));
        return true;
    }

    /** One kind of request's budget: a bucket per client, refilled at {@code requests} per {@code per}. */
    private static final class Budget {

        private final String kind;
        private final long requests;
        private final Duration per;
        private final Cache<String, Bucket> buckets;

        Budget(String kind, long requests, Duration per, int maxClients) {
            this.kind = kind;
            this.requests = requests;
            this.per = per;
            this.buckets = Caffeine.newBuilder()
                    .maximumSize(maxClients)
                    // A bucket idle for a whole period is full again: forgetting it changes nothing.
                    .expireAfterAccess(per)
                    .build();
        }

        void take(String client) {
            Bucket bucket = buckets.get(
                    client,
                    c -> Bucket.builder()
                            .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, per))
                            .build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw new RateLimitedException(
                        "too many %s from this client: %d per %s".formatted(kind, requests, per),
                        Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
        }
    }
}
