package com.example.likes.benchmarks.load;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * When a warm-up may end: the throughput of the last {@code windows} consecutive windows of {@code window} each lies
 * within {@code tolerance} (the highest at most the lowest times 1 + tolerance). A JVM compiles its hot paths for a
 * minute or more on two cores; a fixed warm-up of a few seconds measured the compiler, not the service.
 */
public record Settle(int windows, Duration window, double tolerance) {

    /** Three consecutive 2-second windows within 5 % of each other. */
    public static final Settle DEFAULT = new Settle(3, Duration.ofSeconds(2), 0.05);

    /** Whether the rates measured so far, one a window in order, have settled. */
    public boolean reached(List<Double> rates) {
        if (rates.size() < windows) {
            return false;
        }
        List<Double> last = rates.subList(rates.size() - windows, rates.size());
        double lowest = Collections.min(last);
        return lowest > 0 && Collections.max(last) <= lowest * (1 + tolerance);
    }

    @Override
    public String toString() {
        return "%d consecutive %d-second windows within %.0f %% of each other"
                .formatted(windows, window.toSeconds(), tolerance * 100);
    }
}
