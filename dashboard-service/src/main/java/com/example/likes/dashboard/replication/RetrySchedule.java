package com.example.likes.dashboard.replication;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff with jitter. The n-th failure waits about
 * {@code initial * 2^(n-1)}, capped at {@code max}, of which a random half is jitter ("equal jitter"), so that
 * events that failed together, as they do when product-service goes down, do not all come back at the same moment.
 */
record RetrySchedule(Duration initial, Duration max) {

    RetrySchedule {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff must be positive and max at least initial");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt (1 for the first). */
    Duration delayAfter(int attempts, RandomGenerator random) {
        long capped = cappedMillis(attempts);
        long half = capped / 2;
        return Duration.ofMillis(capped - half + random.nextLong(half + 1));
    }

    private long cappedMillis(int attempts) {
        long ceiling = max.toMillis();
        long delay = initial.toMillis();
        for (int i = 1; i < attempts && delay < ceiling; i++) {
            delay *= 2;
        }
        return Math.min(delay, ceiling);
    }
}
