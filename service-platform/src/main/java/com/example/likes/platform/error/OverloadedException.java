package com.example.likes.platform.error;

import java.time.Duration;

/**
 * This service is working at its capacity and refuses the request instead of queueing it. REST answers 503 with
 * {@code Retry-After}, gRPC answers {@code UNAVAILABLE} with a {@code google.rpc.RetryInfo} detail.
 */
public class OverloadedException extends RuntimeException {

    private final Duration retryAfter;

    /**
     * @param message what is at its capacity, for the caller
     * @param retryAfter how long the caller should wait before it tries again
     */
    public OverloadedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
