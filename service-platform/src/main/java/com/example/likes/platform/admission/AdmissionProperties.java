package com.example.likes.platform.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much work a service admits at once, on its REST port and on its gRPC server, each with a limit of its own.
 *
 * <p>Each limit is adaptive ({@code Gradient2Limit} of Netflix's concurrency-limits): it grows while latency stays
 * at its long-term level and shrinks when requests start to queue, between {@code minLimit} and {@code maxLimit}.
 * A request beyond it is refused at once: REST 503 with {@code Retry-After}, gRPC {@code UNAVAILABLE} with a
 * {@code google.rpc.RetryInfo}. Health, reflection and the management port are never limited.
 *
 * @param enabled whether the adaptive limits apply at all; off only in development ({@code PLATFORM_ADMISSION_ENABLED})
 * @param initialLimit requests at once that each limit starts with ({@code PLATFORM_ADMISSION_INITIAL_LIMIT})
 * @param minLimit the fewest requests at once a limit may fall to ({@code PLATFORM_ADMISSION_MIN_LIMIT})
 * @param maxLimit the most requests at once a limit may grow to ({@code PLATFORM_ADMISSION_MAX_LIMIT})
 * @param readConcurrency public REST reads ({@code GET} and {@code HEAD} under {@code /api/}) in progress at once,
 *     whether or not the adaptive limits apply; more are refused. Below the database pool's size, so that reads never
 *     hold every connection that writes, likes and replication need ({@code PLATFORM_ADMISSION_READ_CONCURRENCY})
 * @param retryAfter what a refusal tells the caller to wait ({@code PLATFORM_ADMISSION_RETRY_AFTER})
 */
@ConfigurationProperties("platform.admission")
public record AdmissionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20") int initialLimit,
        @DefaultValue("8") int minLimit,
        @DefaultValue("200") int maxLimit,
        @DefaultValue("6") int readConcurrency,
        @DefaultValue("1s") Duration retryAfter) {

    public AdmissionProperties {
        if (minLimit < 1 || maxLimit < minLimit || initialLimit < minLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException(
                    "platform.admission needs 1 <= min-limit <= initial-limit <= max-limit, not %d <= %d <= %d"
                            .formatted(minLimit, initialLimit, maxLimit));
        }
        if (readConcurrency < 1) {
            throw new IllegalArgumentException("platform.admission.read-concurrency must be 1 or more");
        }
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("platform.admission.retry-after must be positive");
        }
    }
}
