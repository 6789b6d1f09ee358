package com.example.likes.benchmarks.load;

import java.util.concurrent.CompletableFuture;

/**
 * One kind of request, sent without a thread per call (grpc-java's async stubs, Netty for HTTP/1.1): the future
 * completes with {@link Outcome#ANSWERED} or {@link Outcome#REFUSED}, and fails when the request failed.
 */
@FunctionalInterface
public interface Target {

    /** Sends request number {@code sequence} (from 0, in the order sent). */
    CompletableFuture<Outcome> call(long sequence);
}
