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
 * One Bucket4j token bucket per client address for the writing REST requests, as the gRPC side has per caller
 * ({@code grpc/ratelimit}). A request over the limit is a {@link RateLimitedException}: 429 with
 * {@code Retry-After}, in problem+json. The buckets live in a Caffeine cache bounded in size, so that many
 * addresses cannot grow memory without end.
 *
 * <p>The address is {@link HttpServletRequest#getRemoteAddr()}: behind a proxy, set
 * {@code server.forward-headers-strategy} so that it is the client's and not the proxy's.
 */
final class ClientRateLimitInterceptor implements HandlerInterceptor {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RestRateLimitProperties properties;
    private final Cache<String, Bucket> buckets;

    ClientRateLimitInterceptor(RestRateLimitProperties properties) {
        this.properties = properties;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                // A bucket idle for a whole period is full again: forgetting it changes nothing.
                .expireAfterAccess(properties.per())
                .build();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!WRITES.contains(request.getMethod())) {
            return true;
        }
        Bucket bucket = buckets.get(request.getRemoteAddr(), address -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(
                    "too many requests from this address: %d per %s".formatted(properties.requests(), properties.per()),
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
        return true;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit ->
                        limit.capacity(properties.requests()).refillGreedy(properties.requests(), properties.per()))
                .build();
    }
}
