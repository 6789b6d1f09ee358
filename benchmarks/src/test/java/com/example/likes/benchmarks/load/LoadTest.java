package com.example.likes.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadTest {

    @Test
    void anOpenLoopSpacesRequestsEvenlyAtItsRate() {
        Load.Open load = new Load.Open(1500, 10, Duration.ZERO, Duration.ofSeconds(1));

        assertThat(load.dueOffsetNanos(0)).isZero();
        assertThat(load.dueOffsetNanos(3)).isEqualTo(2_000_000);
        assertThat(load.dueOffsetNanos(1500)).isEqualTo(1_000_000_000);
        assertThat(load.requestsWithin(Duration.ofSeconds(2))).isEqualTo(3000);
        assertThat(load.label()).isEqualTo("open 1500/s");
        assertThat(new Load.Closed(64, Duration.ZERO, Duration.ZERO).label()).isEqualTo("closed c=64");
    }

    @Test
    void throughputIsRequestsOverTheWindowAndPercentilesAreInMilliseconds() {
        Histogram latencies = new Histogram(1_000, 60_000_000_000L, 3);
        for (int i = 1; i <= 100; i++) {
            latencies.recordValue(i * 1_000_000L);
        }
        LoadResult result = new LoadResult(
                new Load.Closed(1, Duration.ZERO, Duration.ofSeconds(2)),
                100,
                0,
                Duration.ofSeconds(2),
                latencies,
                List.of());

        assertThat(result.throughput()).isEqualTo(50.0);
        assertThat(result.latencyMillis(50)).isBetween(49.9, 50.1);
        assertThat(result.latencyMillis(99)).isBetween(98.9, 99.1);
        assertThat(result.maxLatencyMillis()).isBetween(99.9, 100.1);
    }
}
