package com.example.likes.benchmarks.load;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * When a warm-up may end: after {@code atLeast}, the throughput of the last {@code windows} consecutive windows of
 * {@code window} each lies within {@code tolerance} (the highest at most the lowest times 1 + tolerance). A JVM
 * compiles its hot paths for a minute or more on two cores, with plateaus of several seconds on the way: a warm-up
 * that could end sooner measured the compiler, not the service.
 */
public record Settle(int windows, Duration window, double tolerance, Duration atLeast) {

    /** After at least 30 s, three consecutive 2-second windows within 5 % of each other. */
    public static final Settle DEFAULT = new Settle(3, Duration.ofSeconds(2), 0.05, Duration.ofSeconds(30));

    /** Whether the rates measured so far, one a window in order, have settled. */
    public boolean reached(List<Double> rates) {
        if (rates.size() < windows || window.multipliedBy(rates.size()).compareTo(atLeast) < 0) {
            return false;
        }
        List<Double> last = rates.subList(rates.size() - windows, rates.size());
        double lowest = Collections.min(last);
        return lowest > 0 && Collections.max(last) <= lowest * (1 + tolerance);
    }

    @Override
    public String toString() {
        return "after at least %d s, %d consecutive %d-second windows within %.0f %% of each other"
                .formatted(atLeast.toSeconds(), windows, window.toSeconds(), tolerance * 100);
    }
}
