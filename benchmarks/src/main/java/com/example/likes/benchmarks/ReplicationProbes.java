package com.example.likes.benchmarks;

import com.example.likes.benchmarks.http.Http1Connection;
import com.example.likes.benchmarks.http.Http1Request;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The replication lag a client sees: for every {@code sampleEvery}-th create, the time from the dashboard's 201 to
 * the first 200 for the same product from product-service, polled every millisecond at first, then every tenth of
 * the time waited so far (at most 10 % error), at least once a second.
 *
 * <p>A probe runs on a virtual thread of its own, so the create that started it is answered and its slot freed at
 * once. When every tenth create probed inside its own call, polling at least every 100 ms, a lag of seconds held as
 * many of the open loop's slots as there were probes waiting, and their polls (some 2,000 reads a second at a lag of
 * 10 s) loaded product-service more the further it fell behind: a replication that lagged for a moment stayed
 * behind for the whole window. Now a probe waits at most a second between polls, which keeps the 10 % error up to a
 * lag of 10 s, and only every 50th create is probed: the probes' reads grow with the logarithm of the lag, not with
 * the lag. Written here because no load tool measures a write on one service becoming visible on another.
 */
final class ReplicationProbes implements AutoCloseable {

    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long FIRST_POLLS_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONGEST_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int productPort;
    private final int sampleEvery;
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<Http1Connection> idle = new ConcurrentLinkedQueue<>();
    private final Phaser running = new Phaser(1);
    private final Recorder lag = new Recorder(1_000, TimeUnit.MINUTES.toNanos(1), 3);
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Queue<String> firstFailures = new ConcurrentLinkedQueue<>();
    private volatile long countFrom = Long.MIN_VALUE;

    ReplicationProbes(int productPort, int sampleEvery) {
        this.productPort = productPort;
        this.sampleEvery = sampleEvery;
    }

    /** The dashboard answered 201 for create number {@code sequence}, of product {@code id}, at {@code createdAt}. */
    void created(long sequence, String id, long createdAt) {
        if (sequence % sampleEvery != 0) {
            return;
        }
        running.register();
        probes.execute(() -> {
            try {
                probe(id, createdAt);
            } finally {
                running.arriveAndDeregister();
            }
        });
    }

    /**
     * From now on, only probes of creates answered from now on count, and what was counted before is dropped: the
     * measured window begins.
     */
    void begin() {
        countFrom = System.nanoTime();
        lag.reset();
        polls.set(0);
        failures.set(0);
        firstFailures.clear();
    }

    /**
     * Waits up to {@code timeout} for the probes still polling (each gives up 30 s after its create), then gives what
     * they measured since {@link #begin}; a probe still polling then counts as failed. Once per instance: one
     * instance serves one load.
     */
    Measured awaitAll(Duration timeout) throws InterruptedException {
        int stillPolling = 0;
        try {
            running.awaitAdvanceInterruptibly(running.arrive(), timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The caller's party has arrived: the parties left are the probes still polling.
            stillPolling = running.getUnarrivedParties();
        }
        List<String> messages = new ArrayList<>(firstFailures);
        if (stillPolling > 0) {
            messages.add(stillPolling + " probes still polling " + timeout.toSeconds() + " s after the last create");
        }
        return new Measured(
                lag.getIntervalHistogram(), polls.get(), failures.get() + stillPolling, List.copyOf(messages));
    }

    @Override
    public void close() {
        probes.shutdownNow();
        idle.forEach(RestCalls::closeQuietly);
    }

    private void probe(String id, long createdAt) {
        byte[] read = Http1Request.get(RestCalls.HOST, productPort, "/api/products/" + id);
        Http1Connection connection = null;
        try {
            while (true) {
                connection = connection == null ? connected() : connection;
                int status = connection.exchange(read).status();
                if (counts(createdAt)) {
                    polls.incrementAndGet();
                }
                if (!connection.isOpen()) {
                    connection.close();
                    connection = null;
                }
                long waited = System.nanoTime() - createdAt;
                if (status == 200) {
                    if (counts(createdAt)) {
                        lag.recordValue(Math.max(waited, 1_000));
                    }
                    return;
                }
                if (status != 404) {
                    throw new IOException("product-service answered " + status + " for a created product");
                }
                if (waited > GIVE_UP_NANOS) {
                    throw new IOException("the product was not on product-service " + GIVE_UP_NANOS / 1_000_000_000
                            + " s after its create");
                }
                Thread.sleep(Duration.ofNanos(Math.clamp(waited / 10, FIRST_POLLS_NANOS, LONGEST_WAIT_NANOS)));
            }
        } catch (IOException | RuntimeException e) {
            if (counts(createdAt)) {
                failed(e);
            }
            RestCalls.closeQuietly(connection);
            connection = null;
        } catch (InterruptedException e) {
            // closed: the load is over
            Thread.currentThread().interrupt();
            RestCalls.closeQuietly(connection);
            connection = null;
        } finally {
            if (connection != null) {
                idle.add(connection);
            }
        }
    }

    /** Whether a probe of a create answered at {@code createdAt} counts: decided when counting, as begin may come later. */
    private boolean counts(long createdAt) {
        return createdAt >= countFrom;
    }

    private Http1Connection connected() throws IOException {
        Http1Connection connection = idle.poll();
        return connection != null ? connection : Http1Connection.open(RestCalls.HOST, productPort);
    }

    private void failed(Exception e) {
        failures.incrementAndGet();
        if (firstFailures.size() < 3) {
            firstFailures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * What the probes of one window measured.
     *
     * @param lag the lag of each probe that found its product, in nanoseconds
     * @param polls the reads they sent to product-service
     * @param failures probes that got another answer than 404 or 200, gave up, or were still polling at the end
     * @param firstFailures the first few failures' messages
     */
    record Measured(Histogram lag, long polls, long failures, List<String> firstFailures) {}
}
