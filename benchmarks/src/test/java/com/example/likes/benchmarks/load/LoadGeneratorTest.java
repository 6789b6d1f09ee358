package com.example.likes.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private final ScheduledExecutorService server = Executors.newScheduledThreadPool(2);
    private final LoadGenerator generator = new LoadGenerator(
            new PrintStream(OutputStream.nullOutputStream()),
            new Settle(3, Duration.ofMillis(200), 0.5, Duration.ZERO));

    @AfterEach
    void stop() {
        server.shutdownNow();
    }

    /** A fake server answering each request after {@code millis}. */
    private Target answeringAfter(long millis, Outcome outcome) {
        return sequence -> {
            CompletableFuture<Outcome> answer = new CompletableFuture<>();
            server.schedule(() -> answer.complete(outcome), millis, TimeUnit.MILLISECONDS);
            return answer;
        };
    }

    @Test
    void requestNIsDueNOverTheRateSecondsAfterTheStart() {
        assertThat(LoadGenerator.dueOffsetNanos(0, 200)).isZero();
        assertThat(LoadGenerator.dueOffsetNanos(1, 200)).isEqualTo(5_000_000L);
        assertThat(LoadGenerator.dueOffsetNanos(300, 200)).isEqualTo(1_500_000_000L);
    }

    @Test
    void anOpenLoopSendsAtItsRateWhateverTheAnswersDo() {
        Measured measured = generator
                .open("open", answeringAfter(20, Outcome.ANSWERED), 200, Duration.ofSeconds(1), 64)
                .finish();

        assertThat(measured.answered()).isEqualTo(200);
        assertThat(measured.throughput()).isCloseTo(200, within(1.0));
        assertThat(measured.p50Ms())
                .as("timed to the answer, 20 ms after the call")
                .isGreaterThanOrEqualTo(19.0);
    }

    @Test
    void anOpenLoopTimesEachRequestFromWhenItWasDueSoAQueueShowsAsLatency() {
        // One slot and 50 ms a request at 100/s: each request waits behind the ones before, as in a server's queue.
        Measured measured = generator
                .open("queue", answeringAfter(50, Outcome.ANSWERED), 100, Duration.ofSeconds(1), 1)
                .finish();

        assertThat(measured.answered() + measured.errors()).isEqualTo(100);
        assertThat(measured.maxMs())
                .as("the last request due waited for ~80 before it")
                .isGreaterThan(2_000);
        assertThat(measured.waitedPast2s()).isPositive();
    }

    @Test
    void refusalsAreCountedApartAndAnsweredAtTheirOwnLatency() {
        Target refusesEveryOther = sequence -> sequence % 2 == 0
                ? answeringAfter(300, Outcome.ANSWERED).call(sequence)
                : answeringAfter(1, Outcome.REFUSED).call(sequence);

        Measured measured = generator
                .open("refusals", refusesEveryOther, 100, Duration.ofSeconds(1), 64)
                .finish();

        assertThat(measured.answered()).isEqualTo(50);
        assertThat(measured.refused()).isEqualTo(50);
        assertThat(measured.errors()).isZero();
        assertThat(measured.refusalP99Ms()).isLessThan(measured.p50Ms());
    }

    @Test
    void aClosedLoopWarmsUntilItsThroughputSettlesThenMeasures() {
        Measured measured = generator.closed(
                "closed", answeringAfter(5, Outcome.ANSWERED), 4, Duration.ofSeconds(10), Duration.ofMillis(500));

        assertThat(measured.settled()).isTrue();
        assertThat(measured.warmUp()).startsWith("settled after");
        assertThat(measured.throughput())
                .as("4 callers, 5 ms each: at most 800/s")
                .isBetween(1.0, 800.0);
    }

    @Test
    void aClosedLoopWhoseThroughputKeepsChangingIsNotSettledWhenItsWarmUpEnds() {
        long started = System.nanoTime();
        // Each request takes twice as long as one sent 100 ms earlier: the throughput never settles.
        Target slowing = sequence -> answeringAfter(
                        (long) Math.pow(2, (System.nanoTime() - started) / 100_000_000.0), Outcome.ANSWERED)
                .call(sequence);

        Measured measured = generator.closed("slowing", slowing, 2, Duration.ofMillis(1_000), Duration.ofMillis(200));

        assertThat(measured.settled()).isFalse();
        assertThat(measured.warmUp()).startsWith("not settled in");
    }

    @Test
    void aCallThatFailsAtOnceIsAnErrorAndTheLoopGoesOn() {
        Target failing = sequence -> {
            throw new IllegalStateException("no connection");
        };

        Measured measured = generator.closed("failing", failing, 2, Duration.ZERO, Duration.ofMillis(200));

        assertThat(measured.answered()).isZero();
        assertThat(measured.errors()).isPositive();
        assertThat(measured.firstErrors()).first().asString().contains("no connection");
    }
}
