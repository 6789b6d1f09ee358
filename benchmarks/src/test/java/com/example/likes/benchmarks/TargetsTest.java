package com.example.likes.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.likes.benchmarks.load.Measured;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static Measured load(String warmUp, boolean settled) {
        return new Measured(
                "likes c=16", 10, 16_000, 0, 0, 0, 5, 40, 60, Double.NaN, List.of(), List.of(), warmUp, settled);
    }

    @Test
    void aTargetOnASettledLoadGetsItsVerdict() {
        assertThat(Targets.check("t", "m", true, load("settled after 8 s", true))
                        .verdict())
                .isEqualTo("met");
        assertThat(Targets.check("t", "m", false, load("settled after 8 s", true))
                        .verdict())
                .isEqualTo("not met");
    }

    @Test
    void aTargetOnAWarmedLoadThatDidNotSettleIsOnlyIndicative() {
        assertThat(Targets.check("t", "m", true, load("not settled in 60 s", false))
                        .verdict())
                .isEqualTo("indicative");
    }

    @Test
    void aLoadRunWithoutWarmUpNeedsNoSettling() {
        assertThat(Targets.check("t", "m", true, load("none", false)).verdict()).isEqualTo("met");
    }

    @Test
    void aTargetWhoseLoadDidNotRunIsNotMeasured() {
        assertThat(Targets.check("t", "m", true, (Measured) null).verdict()).isEqualTo("not measured");
    }
}
