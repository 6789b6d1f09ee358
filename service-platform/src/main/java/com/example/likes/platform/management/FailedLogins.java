package com.example.likes.platform.management;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * Failed operator logins per client address: each failure takes a token from the address's Bucket4j bucket
 * ({@code max} per {@code per}), and while the bucket is empty the address's requests with a credential are refused
 * before the credential is checked, so that guessing a key costs a period per {@code max} guesses. Each failure is
 * logged with the method, path and address, never the credential. The buckets live in a Caffeine cache bounded in
 * size, as the REST rate limit's do.
 */
final class FailedLogins {

    private static final Logger log = LoggerFactory.getLogger(FailedLogins.class);

    // Addresses tracked at once; the least recently seen are forgotten first (a forgotten bucket is a full one).
    private static final long MAX_ADDRESSES = 100_000;

    private final OperatorProperties.FailedLoginLimit limit;
    private final Cache<String, Bucket> buckets;

    FailedLogins(OperatorProperties.FailedLoginLimit limit) {
        this.limit = limit;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_ADDRESSES)
                .expireAfterAccess(limit.per())
                .build();
    }

    /** Whether the request carries a credential at all (a request without one is no attempt to log in). */
    static boolean attempted(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    /** How long the request's address must wait before its next attempt, if its failures used up the limit. */
    Optional<Duration> blocked(HttpServletRequest request) {
        Bucket bucket = buckets.getIfPresent(request.getRemoteAddr());
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed()
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Counts a failed login from the request's address and logs it, without the credential. */
    void failed(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        Bucket bucket = buckets.get(address, ignored -> newBucket());
        bucket.tryConsume(1);
        long left = bucket.getAvailableTokens();
        if (left > 0) {
            log.warn(
                    "Operator login failed: {} {} from {} ({} more failures allowed per {})",
                    request.getMethod(),
                    request.getRequestURI(),
                    address,
                    left,
                    limit.per());
        } else {
            log.warn(
                    "Operator login failed: {} {} from {}; {} failures within {}: further attempts from this address"
                            + " are refused until the limit allows one again",
                    request.getMethod(),
                    request.getRequestURI(),
                    address,
                    limit.max(),
                    limit.per());
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.max()).refillGreedy(limit.max(), limit.per()))
                .build();
    }
}
