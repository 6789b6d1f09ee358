package com.example.likes.benchmarks.clients;

import com.example.likes.benchmarks.load.Outcome;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The replication lag a client sees: for every {@code every}-th create, the time from the dashboard's 201 to the
 * first 200 for the same product on product-service. After a 404 or a refusal (a read not admitted says nothing of
 * replication) a probe polls again, every millisecond at first, then every tenth of the time waited (at most 10 %
 * error), at least once a second: its reads grow with the logarithm of the lag. No load tool measures this.
 */
public final class ReplicationProbes implements AutoCloseable {

    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Http product;
    private final int every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Histogram lag = new ConcurrentHistogram(1_000, TimeUnit.MINUTES.toNanos(1), 3);
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    /**
     * What the probes measured.
     *
     * @param probes probes that found their product
     * @param p50Ms the median lag
     * @param p99Ms the 99th percentile of the lag
     * @param polls reads sent to product-service
     * @param failures probes answered other than 200, 404 or a refusal, given up after 30 s, or still polling
     */
    public record Lag(long probes, double p50Ms, double p99Ms, long polls, long failures) {
        @Override
        public String toString() {
            return "p50 %.1f ms, p99 %.1f ms (%d probes, %d reads, %d failed)"
                    .formatted(p50Ms, p99Ms, probes, polls, failures);
        }
    }

    public ReplicationProbes(Http product, int every) {
        this.product = product;
        this.every = every;
    }

    /** The dashboard answered 201 for create number {@code sequence}, of product {@code id}, at {@code createdAt}. */
    void created(long sequence, String id, long createdAt) {
        if (sequence % every == 0) {
            pending.incrementAndGet();
            poll(id, createdAt);
        }
    }

    private void poll(String id, long createdAt) {
        polls.incrementAndGet();
        product.get("/api/products/" + id, null).whenComplete((response, failure) -> {
            long waited = System.nanoTime() - createdAt;
            int status = failure == null ? response.status() : 0;
            Outcome outcome = Outcome.ofHttp(status, failure == null && response.retryAfter());
            if (outcome == Outcome.ANSWERED) {
                lag.recordValue(Math.clamp(waited, 1_000, lag.getHighestTrackableValue()));
                pending.decrementAndGet();
            } else if (waited > GIVE_UP_NANOS || !(outcome == Outcome.REFUSED || status == 404)) {
                failures.incrementAndGet();
                pending.decrementAndGet();
            } else {
                long wait = Math.clamp(waited / 10, 1_000_000L, 1_000_000_000L);
                timer.schedule(() -> poll(id, createdAt), wait, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** Waits up to {@code timeout} for the probes still polling; one still polling then counts as failed. */
    public Lag awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return new Lag(
                lag.getTotalCount(),
                lag.getTotalCount() == 0 ? Double.NaN : lag.getValueAtPercentile(50) / 1e6,
                lag.getTotalCount() == 0 ? Double.NaN : lag.getValueAtPercentile(99) / 1e6,
                polls.get(),
                failures.get() + pending.get());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
