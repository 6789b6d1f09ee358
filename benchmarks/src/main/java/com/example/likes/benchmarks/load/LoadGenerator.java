package com.example.likes.benchmarks.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives a {@link Target} with a {@link Load} and measures it with HdrHistogram: latencies from one microsecond to a
 * minute at three significant digits. Workers and requests run on virtual threads, so that 64 workers cost little of
 * the two cores they share with the system under test. Prints a progress line about once a second to {@code progress}.
 */
public final class LoadGenerator {

    static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int FIRST_ERRORS_KEPT = 5;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration UNSENT_GRACE = Duration.ofSeconds(1);

    private final PrintStream progress;

    public LoadGenerator(PrintStream progress) {
        this.progress = progress;
    }

    public LoadResult run(String name, Target target, Load load, Monitor monitor) {
        return switch (load) {
            case Load.Closed closed -> closed(name, target, closed, monitor);
            case Load.Open open -> open(name, target, open, monitor);
        };
    }

    /** A closed loop of {@code load.concurrency()} chains of calls, each sent when the one before completed. */
    public LoadResult run(String name, AsyncTarget target, Load.Closed load, Monitor monitor) {
        Window window = new Window(name, load, monitor, progress);
        AtomicLong sequence = new AtomicLong();
        java.util.concurrent.CountDownLatch chains = new java.util.concurrent.CountDownLatch(load.concurrency());
        for (int i = 0; i < load.concurrency(); i++) {
            next(target, window, sequence, chains);
        }
        window.runPhases(System.nanoTime() + load.warmUp().toNanos(), () -> "");
        window.stop();
        try {
            chains.await(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        window.finish();
        return window.result(load.duration());
    }

    private static void next(
            AsyncTarget target, Window window, AtomicLong sequence, java.util.concurrent.CountDownLatch chains) {
        if (window.stopped()) {
            chains.countDown();
            return;
        }
        long start = System.nanoTime();
        CompletableFuture<?> call;
        try {
            call = target.call(sequence.getAndIncrement());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((ignored, failure) -> {
            if (failure == null) {
                window.succeeded(start, System.nanoTime());
            } else {
                Throwable cause =
                        failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                window.failed(start, System.nanoTime(), cause instanceof Exception e ? e : new Exception(cause));
            }
            next(target, window, sequence, chains);
        });
    }

    private LoadResult closed(String name, Target target, Load.Closed load, Monitor monitor) {
        Window window = new Window(name, load, monitor, progress);
        AtomicLong sequence = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < load.concurrency(); i++) {
            Thread.Builder threads = target.blocksInSocketReads() ? Thread.ofPlatform() : Thread.ofVirtual();
            workers.add(threads.name(name + "-worker-", i).start(() -> {
                Session session = null;
                while (!window.stopped()) {
                    long n = sequence.getAndIncrement();
                    long start = System.nanoTime();
                    try {
                        if (session == null) {
                            session = target.open();
                        }
                        session.call(n);
                        window.succeeded(start, System.nanoTime());
                    } catch (Exception e) {
                        window.failed(start, System.nanoTime(), e);
                        closeQuietly(session);
                        session = null;
                    }
                }
                closeQuietly(session);
            }));
        }
        long from = System.nanoTime() + load.warmUp().toNanos();
        window.runPhases(from, () -> "");
        window.stop();
        for (Thread worker : workers) {
            joinQuietly(worker);
        }
        window.finish();
        return window.result(load.duration());
    }

    private LoadResult open(String name, Target target, Load.Open load, Monitor monitor) {
        Window window = new Window(name, load, monitor, progress);
        Queue<Session> idle = new ConcurrentLinkedQueue<>();
        Semaphore slots = new Semaphore(load.maxInFlight());
        long total = load.requestsWithin(load.warmUp().plus(load.duration()));
        long origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        AtomicLong sent = new AtomicLong();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            long windowEnd = origin + load.warmUp().plus(load.duration()).toNanos();
            Thread pacer = Thread.ofPlatform().name(name + "-pacer").start(() -> {
                for (long n = 0; n < total && !window.stopped(); n++) {
                    long due = origin + load.dueOffsetNanos(n);
                    parkUntil(due);
                    if (!acquireBefore(slots, windowEnd + UNSENT_GRACE.toNanos())) {
                        // The system fell so far behind that every slot stayed taken past the window: the requests
                        // still due are failures (never sent), not a longer run that would hide how far behind it is.
                        window.unsent(total - Math.max(n, load.requestsWithin(load.warmUp())), load.maxInFlight());
                        return;
                    }
                    long number = n;
                    sent.incrementAndGet();
                    requests.execute(() -> {
                        Session session = idle.poll();
                        try {
                            if (session == null) {
                                session = target.open();
                            }
                            session.call(number);
                            window.succeeded(due, System.nanoTime());
                            idle.add(session);
                        } catch (Exception e) {
                            window.failed(due, System.nanoTime(), e);
                            closeQuietly(session);
                        } finally {
                            slots.release();
                        }
                    });
                }
            });
            window.runPhases(
                    origin + load.warmUp().toNanos(),
                    () -> " sent=%d in-flight=%d".formatted(sent.get(), load.maxInFlight() - slots.availablePermits()));
            joinQuietly(pacer);
            if (!tryAcquire(slots, load.maxInFlight(), DRAIN_TIMEOUT)) {
                window.note("requests still unanswered " + DRAIN_TIMEOUT.toSeconds() + " s after the last was due");
            }
            window.stop();
            window.finish();
            idle.forEach(LoadGenerator::closeQuietly);
            return window.result(window.openElapsed(load.duration()));
        }
    }

    private static void parkUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Takes a slot, waiting at most until {@code deadline} ({@link System#nanoTime()}). */
    private static boolean acquireBefore(Semaphore slots, long deadline) {
        try {
            return slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean tryAcquire(Semaphore slots, int permits, Duration timeout) {
        try {
            return slots.tryAcquire(permits, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(DRAIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (Exception ignored) {
                // a broken connection has nothing left to close cleanly
            }
        }
    }

    /**
     * The measured window of one load: which requests count (those that started, or were due, inside it), their
     * latencies and errors, the monitor's begin and end, and the progress line.
     */
    private static final class Window {

        private final String name;
        private final Load load;
        private final Monitor monitor;
        private final PrintStream out;
        private final Recorder recorder = new Recorder(1_000, MAX_LATENCY_NANOS, 3);
        private final Histogram total = new Histogram(1_000, MAX_LATENCY_NANOS, 3);
        private final AtomicLong completed = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong lastMeasuredEnd = new AtomicLong();
        private final AtomicLongArray perSecond;
        private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
        private final long started = System.nanoTime();
        private volatile long measureFrom = Long.MAX_VALUE;
        private volatile long measureUntil = Long.MAX_VALUE;
        private volatile boolean stopped;
        private Histogram interval;
        private long lastCompleted;
        private long lastTick = System.nanoTime();

        Window(String name, Load load, Monitor monitor, PrintStream out) {
            this.name = name;
            this.load = load;
            this.monitor = monitor;
            this.out = out;
            this.perSecond =
                    new AtomicLongArray((int) Math.max(1, load.duration().toSeconds()));
        }

        boolean stopped() {
            return stopped;
        }

        void succeeded(long start, long end) {
            completed.incrementAndGet();
            if (measured(start)) {
                recorder.recordValue(Math.clamp(end - start, 1_000, MAX_LATENCY_NANOS));
                lastMeasuredEnd.accumulateAndGet(end, Math::max);
                long second = (end - measureFrom) / 1_000_000_000L;
                if (second < perSecond.length()) {
                    perSecond.incrementAndGet((int) second);
                }
            }
        }

        void failed(long start, long end, Exception e) {
            completed.incrementAndGet();
            if (measured(start)) {
                errors.incrementAndGet();
                lastMeasuredEnd.accumulateAndGet(end, Math::max);
                note(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        /** {@code count} requests of an open loop were never sent: all {@code slots} stayed taken past the window. */
        void unsent(long count, int slots) {
            errors.addAndGet(count);
            note(count + " requests not sent: all " + slots + " slots stayed taken past the window's end");
        }

        void note(String message) {
            if (firstErrors.size() < FIRST_ERRORS_KEPT) {
                firstErrors.add(message);
            }
        }

        private boolean measured(long start) {
            return start >= measureFrom && start < measureUntil;
        }

        /** Warm-up until {@code from}, then the measured duration, with a progress line about once a second. */
        void runPhases(long from, Supplier<String> extra) {
            tickUntil(from, "warm-up", extra);
            measureFrom = from;
            monitor.begin();
            long until = from + load.duration().toNanos();
            tickUntil(until, "measure", extra);
            measureUntil = until;
        }

        void stop() {
            stopped = true;
        }

        /** After the requests in flight at the stop were answered: the monitor's window ends with them. */
        void finish() {
            collect();
            monitor.end(total.getTotalCount());
        }

        /** An open loop's window: its duration, or until its last request was answered if that was later. */
        Duration openElapsed(Duration duration) {
            long last = lastMeasuredEnd.get();
            return last > measureUntil ? Duration.ofNanos(last - measureFrom) : duration;
        }

        LoadResult result(Duration elapsed) {
            collect();
            List<Long> seconds = new ArrayList<>();
            for (int i = 0; i < perSecond.length(); i++) {
                seconds.add(perSecond.get(i));
            }
            LoadResult result = new LoadResult(
                    load,
                    total.getTotalCount(),
                    errors.get(),
                    elapsed,
                    total.copy(),
                    List.copyOf(firstErrors),
                    List.copyOf(seconds));
            out.printf(
                    "  %-30s %-14s done     %d requests in %.1fs: %.0f/s, p50 %.2f ms, p99 %.2f ms, %d errors%n",
                    name,
                    load.label(),
                    result.requests(),
                    elapsed.toNanos() / 1e9,
                    result.throughput(),
                    result.latencyMillis(50),
                    result.latencyMillis(99),
                    result.errors());
            return result;
        }

        private synchronized void collect() {
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
        }

        private void tickUntil(long deadline, String phase, Supplier<String> extra) {
            long now;
            while ((now = System.nanoTime()) < deadline) {
                LockSupport.parkNanos(Math.min(deadline - now, 1_000_000_000L));
                now = System.nanoTime();
                long done = completed.get();
                double rate = (done - lastCompleted) * 1e9 / Math.max(1, now - lastTick);
                lastCompleted = done;
                lastTick = now;
                monitor.tick();
                out.printf(
                        "  %-30s %-14s %-8s %5.1fs  requests=%-8d rate=%7.0f/s  errors=%d%s%n",
                        name, load.label(), phase, (now - started) / 1e9, done, rate, errors.get(), extra.get());
            }
        }
    }
}
