package com.example.likes.platform.error;

import java.time.Duration;

/**
 * The caller sent more requests than its limit allows. REST answers 429 with {@code Retry-After}, gRPC answers
 * {@code RESOURCE_EXHAUSTED} with a {@code google.rpc.RetryInfo} detail.
 */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    /**
     * @param message what was limited, for the caller
     * @param retryAfter how long the caller should wait before it is let through again
     */
    public RateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
