package com.example.likes.benchmarks.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuReferenceTest {

    @Test
    void aRateThatNeitherTheBufferSizeNorTheFirstCallChanges() {
        Duration warmUp = Duration.ofMillis(300);
        double first = CpuReference.measure(warmUp, 3, 1024 * 1024);
        double larger = CpuReference.measure(warmUp, 3, 4 * 1024 * 1024);

        assertThat(first).isFinite().isPositive();
        // A rate from warmed-up rounds: four times the bytes take about four times as long, and the first call
        // (the JIT still interpreting the digest before its warm-up) reads as the second does.
        assertThat(larger / first).isBetween(0.5, 2.0);
    }
}
