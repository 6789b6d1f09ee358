package com.example.likes.platform.grpc.ratelimit;

import com.example.likes.platform.grpc.ratelimit.GrpcRateLimitProperties.Rule;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Bucket4j token bucket per (caller, method), created on first use. Callers are the holders of the
 * configured keys and methods are the server's own, so the number of buckets stays bounded.
 */
final class RateLimits {

    private final GrpcRateLimitProperties properties;
    private final Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(GrpcRateLimitProperties properties) {
        this.properties = properties;
    }

    /**
     * Takes one call from the caller's bucket for the method.
     *
     * @return empty when the call may go ahead, otherwise how long until the next one may
     */
    Optional<Duration> tryAcquire(String caller, String fullMethodName) {
        Bucket bucket = buckets.computeIfAbsent(new BucketKey(caller, fullMethodName), this::newBucket);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket(BucketKey key) {
        Rule rule = properties.rules().stream()
                .filter(r -> r.matches(key.caller(), key.method()))
                .findFirst()
                .orElse(new Rule(null, null, properties.requests(), properties.per()));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rule.requests()).refillGreedy(rule.requests(), rule.per()))
                .build();
    }

    private record BucketKey(String caller, String method) {}
}
