package com.example.likes.benchmarks.load;

import java.util.concurrent.CompletableFuture;

/**
 * A target whose calls complete on their own, as an event-driven client does (h2load, or grpc-java's async stubs on
 * a channel with a direct executor): a closed loop of N then keeps N calls in flight with no thread per call, each
 * next call sent from the previous one's completion. The generator's own CPU per request is then as small as the
 * protocol's client allows.
 */
@FunctionalInterface
public interface AsyncTarget {

    /** Sends request number {@code sequence}; the future fails when the request did. */
    CompletableFuture<?> call(long sequence);
}
