package com.example.likes.benchmarks.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Drives a {@link Target} in a closed loop (N callers, each sending when its last request completed: the
 * throughput the system gives) or an open loop (requests due at a fixed rate whatever the answers do, each timed
 * from when it was due, so that a stall or a queue shows as latency instead of slowing the sender). Prints a
 * progress line every two seconds.
 */
public final class LoadGenerator {

    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final PrintStream progress;
    private final Settle settle;

    public LoadGenerator(PrintStream progress, Settle settle) {
        this.progress = progress;
        this.settle = settle;
    }

    /**
     * A closed loop of {@code concurrency} callers: warmed until its throughput settles or {@code maxWarmUp} has
     * passed (no warm-up when it is zero), then measured for {@code duration}.
     */
    public Measured closed(String name, Target target, int concurrency, Duration maxWarmUp, Duration duration) {
        Tally tally = new Tally();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        CountDownLatch chains = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(target, tally, stop, sequence, chains);
        }
        long started = System.nanoTime();
        List<Double> rates = new ArrayList<>();
        boolean settled = false;
        while (!maxWarmUp.isZero() && !settled && System.nanoTime() - started < maxWarmUp.toNanos()) {
            long before = tally.completed();
            sleep(settle.window());
            rates.add((tally.completed() - before) / (settle.window().toNanos() / 1e9));
            settled = settle.reached(rates);
            progress.printf("  %-34s warm-up %5.0f/s%s%n", name, rates.getLast(), settled ? "  settled" : "");
        }
        String warmUp = maxWarmUp.isZero()
                ? "none"
                : (settled ? "settled after " : "not settled in ")
                        + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s";
        tally.begin(System.nanoTime(), duration.toNanos());
        watch(name, tally, duration);
        stop.set(true);
        await(chains);
        Measured measured = tally.result(name, warmUp, settled);
        report(measured);
        return measured;
    }

    private static void next(
            Target target, Tally tally, AtomicBoolean stop, AtomicLong sequence, CountDownLatch chains) {
        if (stop.get()) {
            chains.countDown();
            return;
        }
        long sent = System.nanoTime();
        CompletableFuture<Outcome> call = send(target, sequence.getAndIncrement());
        BiConsumer<Outcome, Throwable> then = (outcome, failure) -> {
            tally.record(sent, System.nanoTime(), outcome, failure);
            next(target, tally, stop, sequence, chains);
        };
        // A call that completed at once would otherwise recurse on this stack, call after call.
        if (call.isDone()) {
            call.whenCompleteAsync(then);
        } else {
            call.whenComplete(then);
        }
    }

    /**
     * Starts an open loop: requests due at {@code rate} per second for {@code duration}, at most {@code maxInFlight}
     * outstanding (a request waiting for a slot is still timed from when it was due). Requests still waiting for a
     * slot two seconds after the window count as errors, never sent.
     */
    public OpenLoop open(String name, Target target, double rate, Duration duration, int maxInFlight) {
        return new OpenLoop(name, target, rate, duration, maxInFlight);
    }

    /** A running open loop. */
    public final class OpenLoop {

        private final String name;
        private final Tally tally = new Tally();
        private final Semaphore slots;
        private final int maxInFlight;
        private final Thread pacer;

        private OpenLoop(String name, Target target, double rate, Duration duration, int maxInFlight) {
            this.name = name;
            this.maxInFlight = maxInFlight;
            this.slots = new Semaphore(maxInFlight);
            long origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            long end = origin + duration.toNanos();
            tally.begin(origin, duration.toNanos());
            long total = (long) Math.ceil(duration.toNanos() * rate / 1e9);
            this.pacer = Thread.ofPlatform().name(name + "-pacer").start(() -> {
                for (long n = 0; n < total; n++) {
                    long due = origin + dueOffsetNanos(n, rate);
                    parkUntil(due);
                    if (!acquire(end + Tally.PAST)) {
                        tally.unsent(total - n, "all " + maxInFlight + " slots taken");
                        return;
                    }
                    send(target, n).whenComplete((outcome, failure) -> {
                        tally.record(due, System.nanoTime(), outcome, failure);
                        slots.release();
                    });
                }
            });
            Thread.ofVirtual().start(() -> watch(name, tally, duration));
        }

        /** Waits until every request of the window has been sent (or given up). */
        public void awaitPaced() {
            try {
                pacer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the requests still outstanding (at most 30 s) and gives what the window measured. */
        public Measured finish() {
            awaitPaced();
            try {
                if (slots.tryAcquire(maxInFlight, DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    slots.release(maxInFlight);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Measured measured = tally.result(name, "none", false);
            report(measured);
            return measured;
        }

        private boolean acquire(long deadline) {
            try {
                return slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** When request {@code n} (from 0) of an open loop at {@code rate} per second is due, from its start. */
    static long dueOffsetNanos(long n, double rate) {
        return Math.round(n * 1e9 / rate);
    }

    private static CompletableFuture<Outcome> send(Target target, long sequence) {
        try {
            return target.call(sequence);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void watch(String name, Tally tally, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            long before = tally.completed();
            long wait = Math.min(2_000_000_000L, end - System.nanoTime());
            sleep(Duration.ofNanos(Math.max(0, wait)));
            progress.printf("  %-34s %7.0f/s%n", name, (tally.completed() - before) / Math.max(wait / 1e9, 1e-3));
        }
    }

    private void report(Measured m) {
        progress.printf(
                "  %-34s %,.0f/s, p50 %.1f ms, p99 %.1f ms, %d refused, %d errors%s%n",
                m.name(),
                m.throughput(),
                m.p50Ms(),
                m.p99Ms(),
                m.refused(),
                m.errors(),
                m.firstErrors().isEmpty() ? "" : " " + m.firstErrors().getFirst());
    }

    private static void await(CountDownLatch chains) {
        try {
            chains.await(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void parkUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    // Waiting out a window of a load that runs by itself: nothing to wait on but time.
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
