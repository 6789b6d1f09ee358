package com.example.likes.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts the outcomes of one load, thread-safe. A request belongs to the window in which it was sent (or, in an open
 * loop, due), however late it completes; latencies go to HdrHistograms from 1 µs to a minute, 3 significant digits.
 */
final class Tally {

    static final long PAST = TimeUnit.SECONDS.toNanos(2);
    private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int ERRORS_KEPT = 5;

    private final Histogram answeredLatency = new ConcurrentHistogram(1_000, MAX_NANOS, 3);
    private final Histogram refusedLatency = new ConcurrentHistogram(1_000, MAX_NANOS, 3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong waitedPast2s = new AtomicLong();
    private final Queue<String> firstErrors = new ConcurrentLinkedQueue<>();
    private volatile long from = Long.MAX_VALUE;
    private volatile long until = Long.MAX_VALUE;
    private volatile AtomicLongArray perSecond = new AtomicLongArray(0);

    /** Requests sent from {@code from} ({@link System#nanoTime()}) for {@code nanos} are measured. */
    void begin(long from, long nanos) {
        perSecond = new AtomicLongArray((int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L)));
        this.until = from + nanos;
        this.from = from;
    }

    /** Completions of the whole load, measured or not (the warm-up's rate). */
    long completed() {
        return completed.get();
    }

    void record(long sent, long end, Outcome outcome, Throwable failure) {
        completed.incrementAndGet();
        if (sent < from || sent >= until) {
            return;
        }
        long latency = Math.clamp(end - sent, 1_000, MAX_NANOS);
        if (latency > PAST) {
            waitedPast2s.incrementAndGet();
        }
        if (failure != null || outcome == null || outcome == Outcome.ERROR) {
            errors.incrementAndGet();
            if (firstErrors.size() < ERRORS_KEPT) {
                firstErrors.add(failure == null ? String.valueOf(outcome) : describe(failure));
            }
        } else if (outcome == Outcome.REFUSED) {
            refusedLatency.recordValue(latency);
        } else {
            answeredLatency.recordValue(latency);
            int second = (int) ((sent - from) / 1_000_000_000L);
            AtomicLongArray seconds = perSecond;
            if (second < seconds.length()) {
                seconds.incrementAndGet(second);
            }
        }
    }

    /** {@code count} requests due in the window were never sent: every slot stayed taken too long. */
    void unsent(long count, String why) {
        errors.addAndGet(count);
        waitedPast2s.addAndGet(count);
        firstErrors.add(count + " not sent: " + why);
    }

    Measured result(String name, String warmUp, boolean settled) {
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < perSecond.length(); i++) {
            seconds.add(perSecond.get(i));
        }
        return new Measured(
                name,
                (until - from) / 1e9,
                answeredLatency.getTotalCount(),
                refusedLatency.getTotalCount(),
                errors.get(),
                waitedPast2s.get(),
                Measured.millis(answeredLatency, 50),
                Measured.millis(answeredLatency, 99),
                answeredLatency.getTotalCount() == 0 ? Double.NaN : answeredLatency.getMaxValue() / 1e6,
                Measured.millis(refusedLatency, 99),
                List.copyOf(seconds),
                List.copyOf(firstErrors),
                warmUp,
                settled);
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
