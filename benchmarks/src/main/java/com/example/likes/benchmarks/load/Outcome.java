package com.example.likes.benchmarks.load;

import io.grpc.Status;

/**
 * What a request came to. A refusal is the server saying "not now, retry later" (admission control or a rate limit)
 * and is counted apart from errors: under overload a service should refuse at once rather than fail or queue.
 */
public enum Outcome {
    ANSWERED,
    REFUSED,
    ERROR;

    /** REST: 2xx is an answer; 503 or 429 with {@code Retry-After} a refusal; anything else an error. */
    public static Outcome ofHttp(int status, boolean retryAfter) {
        if (status >= 200 && status < 300) {
            return ANSWERED;
        }
        return (status == 503 || status == 429) && retryAfter ? REFUSED : ERROR;
    }

    /** gRPC: OK is an answer; UNAVAILABLE and RESOURCE_EXHAUSTED are refusals; any other code an error. */
    public static Outcome ofGrpc(Status.Code code) {
        return switch (code) {
            case OK -> ANSWERED;
            case UNAVAILABLE, RESOURCE_EXHAUSTED -> REFUSED;
            default -> ERROR;
        };
    }
}
