package com.example.likes.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SettleTest {

    private final Settle settle = Settle.DEFAULT;
    // 30 s of 2-second windows at a steady rate, before the windows each test adds.
    private final List<Double> warming = Collections.nCopies(15, 1.0);

    @Test
    void threeWindowsWithinFivePercentHaveSettled() {
        assertThat(settle.reached(after(100.0, 103.0, 104.9))).isTrue();
    }

    @Test
    void aWindowMoreThanFivePercentAboveTheLowestHasNot() {
        assertThat(settle.reached(after(100.0, 103.0, 105.1))).isFalse();
    }

    @Test
    void onlyTheLastThreeWindowsCount() {
        assertThat(settle.reached(after(10.0, 50.0, 400.0, 1000.0, 1010.0, 1020.0)))
                .isTrue();
        assertThat(settle.reached(after(1000.0, 1010.0, 1020.0, 400.0))).isFalse();
    }

    @Test
    void steadyWindowsBeforeThirtySecondsHaveNot() {
        // A compiler's plateau: 28 s at one rate.
        assertThat(settle.reached(Collections.nCopies(14, 100.0))).isFalse();
        assertThat(settle.reached(Collections.nCopies(15, 100.0))).isTrue();
    }

    @Test
    void fewerWindowsThanNeededOrNoThroughputHaveNot() {
        assertThat(new Settle(3, settle.window(), settle.tolerance(), Duration.ZERO).reached(List.of(100.0, 100.0)))
                .isFalse();
        assertThat(settle.reached(after(0.0, 0.0, 0.0))).isFalse();
    }

    @Test
    void itStatesItsCriterion() {
        assertThat(settle).hasToString("after at least 30 s, 3 consecutive 2-second windows within 5 % of each other");
    }

    private List<Double> after(Double... windows) {
        return Stream.concat(warming.stream(), Arrays.stream(windows)).toList();
    }
}
