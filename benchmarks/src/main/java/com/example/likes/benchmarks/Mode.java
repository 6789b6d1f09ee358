package com.example.likes.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * How long and how much. Every closed loop warms until its throughput settles ({@code Settle.DEFAULT}), at most
 * {@code maxWarmUp}; a load that did not settle gets no verdict.
 *
 * @param maxWarmUp the longest warm-up of one closed loop
 * @param measured each closed loop's measured window
 * @param getUserConcurrencies the closed loops of GetUser over gRPC, REST and on the bare server
 * @param lag the measured window of creates at 200/s
 * @param overload each window of the overload scenario (60 % of capacity, then twice capacity)
 * @param cold how long the likes from a cold start are measured
 * @param users users created before the loads (likes need distinct (product, user) pairs)
 * @param products products created before the loads
 * @param scenarios the scenarios run when none are named
 */
record Mode(
        String name,
        Duration maxWarmUp,
        Duration measured,
        List<Integer> getUserConcurrencies,
        Duration lag,
        Duration overload,
        Duration cold,
        int users,
        int products,
        List<String> scenarios) {

    /** Every scenario, in the order they run: the cold start last, as it ends the warm JVMs. */
    static final List<String> ALL =
            List.of("grpc-rest", "bare", "likes", "replication", "overload", "read-flood", "tools", "cold");

    static final Mode QUICK = new Mode(
            "quick",
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            List.of(64),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(15),
            600,
            300,
            ALL.stream().filter(scenario -> !scenario.equals("tools")).toList());

    static final Mode FULL = new Mode(
            "full",
            Duration.ofSeconds(180),
            Duration.ofSeconds(20),
            List.of(8, 64),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            1000,
            600,
            ALL);
}
