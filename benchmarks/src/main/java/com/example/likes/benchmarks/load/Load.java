package com.example.likes.benchmarks.load;

import java.time.Duration;

/**
 * How a scenario is driven.
 *
 * <ul>
 *   <li>{@link Closed}: {@code concurrency} workers each send a request, wait for its answer and send the next, for
 *       {@code warmUp} (not measured) and then {@code duration}. Throughput is what the system gives; latency is
 *       measured from each request's actual start.</li>
 *   <li>{@link Open}: requests are due at a fixed {@code rate} whatever the answers do, each measured from the moment
 *       it was due, not from when it could be sent, so that a stalled system shows in the latencies instead of
 *       silently slowing the sender (no coordinated omission). At most {@code maxInFlight} requests are outstanding;
 *       one that has to wait for a free slot is still timed from when it was due.</li>
 * </ul>
 */
public sealed interface Load {

    Duration warmUp();

    Duration duration();

    /** A short label for tables: {@code closed c=64}, {@code open 1500/s}. */
    String label();

    record Closed(int concurrency, Duration warmUp, Duration duration) implements Load {
        @Override
        public String label() {
            return "closed c=" + concurrency;
        }
    }

    record Open(double rate, int maxInFlight, Duration warmUp, Duration duration) implements Load {
        @Override
        public String label() {
            return "open " + Math.round(rate) + "/s";
        }

        /** The nanoseconds from the start at which request {@code n} (from 0) is due. */
        public long dueOffsetNanos(long n) {
            return Math.round(n * 1_000_000_000.0 / rate);
        }

        /** How many requests are due within {@code window} from the start. */
        public long requestsWithin(Duration window) {
            return (long) Math.ceil(window.toNanos() * rate / 1_000_000_000.0);
        }
    }
}
