package com.example.likes.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final LoadGenerator generator = new LoadGenerator(new PrintStream(progress, true));

    @Test
    void anOpenLoopSendsAtItsRateAndMeasuresOnlyTheWindowAfterTheWarmUp() {
        Load.Open load = new Load.Open(200, 16, Duration.ofMillis(500), Duration.ofSeconds(1));

        LoadResult result = generator.run("steady", () -> sequence -> {}, load, Monitor.NONE);

        assertThat(result.requests()).isBetween(195L, 201L);
        assertThat(result.errors()).isZero();
        assertThat(result.throughput()).isCloseTo(200, within(10.0));
    }

    @Test
    void anOpenLoopTimesEachRequestFromWhenItWasDueSoAStallShowsInTheRequestsQueuedBehindIt() {
        // One slot, so every request due during the 300 ms stall waits for it: a closed loop would hide them.
        Load.Open load = new Load.Open(100, 1, Duration.ZERO, Duration.ofSeconds(1));
        Session stallsOnce = sequence -> {
            if (sequence == 10) {
                Thread.sleep(300);
            }
        };

        LoadResult result = generator.run("stall", () -> stallsOnce, load, Monitor.NONE);

        assertThat(result.maxLatencyMillis()).isGreaterThanOrEqualTo(300);
        assertThat(result.latencies().getCountBetweenValues(100_000_000L, Long.MAX_VALUE / 2))
                .as("requests queued behind the stall, each late by what it waited")
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void aClosedLoopCountsFailuresAsErrorsAndOpensANewSessionAfterOne() {
        AtomicInteger opened = new AtomicInteger();
        Target failsEveryTenth = () -> {
            opened.incrementAndGet();
            return sequence -> {
                if (sequence % 10 == 0) {
                    throw new IOException("broken pipe");
                }
            };
        };

        LoadResult result = generator.run(
                "flaky",
                failsEveryTenth,
                new Load.Closed(2, Duration.ofMillis(200), Duration.ofMillis(500)),
                Monitor.NONE);

        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isPositive();
        assertThat(result.firstErrors()).first().asString().contains("IOException: broken pipe");
        assertThat(opened.get()).isGreaterThan(2);
        assertThat(progress.toString()).contains("flaky").contains("requests=").contains("done");
    }

    @Test
    void anAsyncClosedLoopKeepsItsChainsGoingAndCountsFailedFuturesAsErrors() {
        AsyncTarget halfFail = sequence -> sequence % 2 == 0
                ? CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS))
                : CompletableFuture.failedFuture(new IOException("UNAVAILABLE"));

        LoadResult result = generator.run(
                "async", halfFail, new Load.Closed(4, Duration.ofMillis(100), Duration.ofMillis(500)), Monitor.NONE);

        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isCloseTo(result.requests(), within(result.requests() / 5 + 10));
        assertThat(result.firstErrors()).first().asString().contains("UNAVAILABLE");
    }

    @Test
    void anOpenLoopThatFallsBehindPastItsWindowStopsAndCountsWhatItNeverSentAsErrors() {
        Load.Open load = new Load.Open(1000, 1, Duration.ZERO, Duration.ofMillis(200));

        LoadResult result = generator.run("overloaded", () -> sequence -> Thread.sleep(100), load, Monitor.NONE);

        assertThat(result.errors()).isGreaterThan(150);
        assertThat(result.firstErrors()).anyMatch(e -> e.contains("not sent"));
    }

    @Test
    void theMonitorSeesTheMeasuredWindowAndItsRequests() {
        long[] seen = new long[3];
        Monitor monitor = new Monitor() {
            @Override
            public void begin() {
                seen[0]++;
            }

            @Override
            public void tick() {
                seen[1]++;
            }

            @Override
            public void end(long requests) {
                seen[2] = requests;
            }
        };

        LoadResult result = generator.run(
                "watched", () -> sequence -> {}, new Load.Closed(1, Duration.ZERO, Duration.ofMillis(1200)), monitor);

        assertThat(seen[0]).isEqualTo(1);
        assertThat(seen[1]).isGreaterThanOrEqualTo(1);
        assertThat(seen[2]).isEqualTo(result.requests());
    }
}
