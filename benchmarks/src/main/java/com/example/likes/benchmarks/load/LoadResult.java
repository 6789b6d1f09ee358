package com.example.likes.benchmarks.load;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a load measured, its warm-up left out.
 *
 * @param load how it was driven
 * @param requests requests that completed successfully in the measured window
 * @param errors requests in the window that failed
 * @param elapsed the measured window: the duration, or longer for an open loop whose last requests were answered
 *     after it
 * @param latencies successful requests' latencies in nanoseconds
 * @param firstErrors the first few failures' messages, to tell what went wrong
 * @param perSecond successful requests of the window answered in each of its seconds, in order
 */
public record LoadResult(
        Load load,
        long requests,
        long errors,
        Duration elapsed,
        Histogram latencies,
        List<String> firstErrors,
        List<Long> perSecond) {

    /** A result without its per-second series. */
    public LoadResult(
            Load load, long requests, long errors, Duration elapsed, Histogram latencies, List<String> firstErrors) {
        this(load, requests, errors, elapsed, latencies, firstErrors, List.of());
    }

    /** Successful requests per second over the measured window. */
    public double throughput() {
        return elapsed.isZero() ? 0 : requests * 1_000_000_000.0 / elapsed.toNanos();
    }

    /** The latency at {@code percentile} (0 to 100) in milliseconds, 0 when nothing succeeded. */
    public double latencyMillis(double percentile) {
        return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1_000_000.0;
    }

    public double maxLatencyMillis() {
        return latencies.getTotalCount() == 0 ? 0 : latencies.getMaxValue() / 1_000_000.0;
    }
}
