package com.example.likes.dashboard.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void theWaitDoublesWithEveryFailureAndHalfOfItIsJitter() {
        Random random = new Random(42);

        assertThat(schedule.delayAfter(1, random)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(schedule.delayAfter(2, random)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(schedule.delayAfter(4, random)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1600));
    }

    @Test
    void theWaitNeverExceedsTheMaximumHoweverManyFailures() {
        Random random = new Random(7);

        IntStream.of(6, 10, 40, 1_000, Integer.MAX_VALUE)
                .forEach(attempts -> assertThat(schedule.delayAfter(attempts, random))
                        .isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5)));
    }

    @Test
    void eventsThatFailedTogetherComeBackAtDifferentTimes() {
        Random random = new Random(1);

        long distinct = IntStream.range(0, 100)
                .mapToObj(i -> schedule.delayAfter(5, random))
                .distinct()
                .count();

        assertThat(distinct).isGreaterThan(50);
    }

    @Test
    void aZeroOrInvertedBackoffIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
