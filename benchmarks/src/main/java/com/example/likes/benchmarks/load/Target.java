package com.example.likes.benchmarks.load;

/** What a scenario sends requests to: opens a {@link Session} per worker (closed loop) or per pooled connection. */
@FunctionalInterface
public interface Target {

    Session open() throws Exception;
}
