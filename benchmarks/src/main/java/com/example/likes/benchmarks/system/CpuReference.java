package com.example.likes.benchmarks.system;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;

/**
 * How fast one core of the machine is at the moment: a fixed single-threaded workload, timed before the stack starts
 * and after it stops.
 *
 * <p>The same code on the same machine ran at a third of its earlier throughput on another day (the bare grpc-java
 * server of scenario b included), and nothing in a run said so. With this figure in every run's header, two runs can
 * be compared: a run whose reference is lower ran on a slower machine, whatever the code. It is written by hand
 * because it only has to be the same work every time; a benchmark harness (JMH) would add its own process and
 * minutes to every run.
 */
public final class CpuReference {

    /** The bytes hashed once per round. */
    static final int BUFFER_BYTES = 16 * 1024 * 1024;

    // Long enough for the JIT to compile the digest (and use the CPU's SHA instructions where it has them).
    private static final Duration WARM_UP = Duration.ofMillis(500);
    private static final int MEASURED_ROUNDS = 5;

    private CpuReference() {}

    /**
     * Hashes a fixed buffer with SHA-256 on the calling thread, for half a second to warm up, then answers the best
     * of five rounds (about a second in all).
     *
     * @return MB hashed a second, the best round after warming up
     */
    public static double measure() {
        return measure(WARM_UP, MEASURED_ROUNDS, BUFFER_BYTES);
    }

    static double measure(Duration warmUp, int measuredRounds, int bufferBytes) {
        byte[] buffer = new byte[bufferBytes];
        Arrays.fill(buffer, (byte) 0x5a);
        MessageDigest digest = sha256();
        long warmUntil = System.nanoTime() + warmUp.toNanos();
        while (System.nanoTime() < warmUntil) {
            digest.digest(buffer);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < measuredRounds; i++) {
            long start = System.nanoTime();
            digest.digest(buffer);
            best = Math.min(best, System.nanoTime() - start);
        }
        return bufferBytes / 1e6 / (Math.max(best, 1) / 1e9);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
