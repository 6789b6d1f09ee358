package com.example.likes.benchmarks.load;

/**
 * One client's connection to the system under test, used by one request at a time: a worker's in a closed loop, a
 * pooled one in an open loop. A session whose call threw is closed and not used again.
 */
public interface Session extends AutoCloseable {

    /**
     * Sends request number {@code sequence} and waits for its answer.
     *
     * @throws Exception when the request failed, the answer was not the expected one included
     */
    void call(long sequence) throws Exception;

    @Override
    default void close() {}
}
