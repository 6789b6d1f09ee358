package com.example.likes.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettleTest {

    private final Settle settle = Settle.DEFAULT;

    @Test
    void threeWindowsWithinFivePercentHaveSettled() {
        assertThat(settle.reached(List.of(100.0, 103.0, 104.9))).isTrue();
    }

    @Test
    void aWindowMoreThanFivePercentAboveTheLowestHasNot() {
        assertThat(settle.reached(List.of(100.0, 103.0, 105.1))).isFalse();
    }

    @Test
    void onlyTheLastThreeWindowsCount() {
        assertThat(settle.reached(List.of(10.0, 50.0, 400.0, 1000.0, 1010.0, 1020.0)))
                .isTrue();
        assertThat(settle.reached(List.of(1000.0, 1010.0, 1020.0, 400.0))).isFalse();
    }

    @Test
    void fewerWindowsThanNeededOrNoThroughputHaveNot() {
        assertThat(settle.reached(List.of(100.0, 100.0))).isFalse();
        assertThat(settle.reached(List.of(0.0, 0.0, 0.0))).isFalse();
    }

    @Test
    void itStatesItsCriterion() {
        assertThat(settle).hasToString("3 consecutive 2-second windows within 5 % of each other");
    }
}
