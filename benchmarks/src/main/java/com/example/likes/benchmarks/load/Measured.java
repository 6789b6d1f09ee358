package com.example.likes.benchmarks.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one load measured in its window. Latencies run from when a request was sent (a closed loop) or due (an open
 * loop) to its outcome, in milliseconds; NaN where nothing was measured.
 *
 * @param name what was sent and how, e.g. {@code likes closed c=16}
 * @param seconds the measured window
 * @param answered requests answered (2xx, gRPC OK)
 * @param refused requests refused (see {@link Outcome})
 * @param errors requests that failed, timed out, or were never sent because every slot stayed taken
 * @param waitedPast2s requests of any outcome that took longer than 2 s, unsent ones included
 * @param p50Ms the answered requests' median latency
 * @param p99Ms the answered requests' 99th percentile
 * @param maxMs the answered requests' longest latency
 * @param refusalP99Ms the refusals' 99th percentile
 * @param perSecond answers by the second of the window in which they were sent
 * @param firstErrors the first few errors' messages
 * @param warmUp how the load was warmed before the window ({@code none}, or when it settled, or that it did not)
 * @param settled whether the throughput settled before the window (always false without a warm-up)
 */
public record Measured(
        String name,
        double seconds,
        long answered,
        long refused,
        long errors,
        long waitedPast2s,
        double p50Ms,
        double p99Ms,
        double maxMs,
        double refusalP99Ms,
        List<Long> perSecond,
        List<String> firstErrors,
        String warmUp,
        boolean settled) {

    /** Answers per second. */
    @JsonProperty
    public double throughput() {
        return seconds > 0 ? answered / seconds : Double.NaN;
    }

    /** Refusals as a share of every request of the window. */
    @JsonProperty
    public double shareRefused() {
        long all = answered + refused + errors;
        return all == 0 ? 0 : (double) refused / all;
    }

    /** Answers per second over the window's first {@code count} seconds. */
    public double firstSecondsRate(int count) {
        int n = Math.min(count, perSecond.size());
        return n == 0
                ? Double.NaN
                : perSecond.subList(0, n).stream().mapToLong(Long::longValue).sum() / (double) n;
    }

    /**
     * How many seconds the window ran before a second answered at least {@code rate} requests (that second
     * included), or -1 if none did.
     */
    public int secondsUntil(double rate) {
        for (int second = 0; second < perSecond.size(); second++) {
            if (perSecond.get(second) >= rate) {
                return second + 1;
            }
        }
        return -1;
    }

    /** A histogram's percentile in milliseconds, NaN when it recorded nothing. */
    static double millis(Histogram latencies, double percentile) {
        return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1e6;
    }
}
