package com.example.likes.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private final Tally tally = new Tally();

    @Test
    void percentilesAndThroughputComeFromTheAnswersOfTheWindow() {
        tally.begin(0, 2 * S);
        for (int i = 1; i <= 100; i++) {
            tally.record(i * MS, i * MS + i * MS, Outcome.ANSWERED, null);
        }

        Measured measured = tally.result("x", "none", false);

        assertThat(measured.answered()).isEqualTo(100);
        assertThat(measured.throughput()).isEqualTo(50.0);
        assertThat(measured.p50Ms()).isCloseTo(50, within(0.1));
        assertThat(measured.p99Ms()).isCloseTo(99, within(0.1));
        assertThat(measured.maxMs()).isCloseTo(100, within(0.1));
    }

    @Test
    void aRequestBelongsToTheWindowItWasSentInHoweverLateItEnds() {
        tally.begin(10 * S, S);
        tally.record(9 * S, 10 * S + MS, Outcome.ANSWERED, null);
        tally.record(11 * S, 11 * S + MS, Outcome.ANSWERED, null);
        tally.record(10 * S + 900 * MS, 15 * S, Outcome.ANSWERED, null);

        Measured measured = tally.result("x", "none", false);

        assertThat(measured.answered()).isEqualTo(1);
        assertThat(measured.waitedPast2s()).isEqualTo(1);
    }

    @Test
    void refusalsAndErrorsAreCountedApartFromAnswers() {
        tally.begin(0, S);
        tally.record(0, 2 * MS, Outcome.ANSWERED, null);
        tally.record(0, 5 * MS, Outcome.REFUSED, null);
        tally.record(0, 7 * MS, Outcome.REFUSED, null);
        tally.record(0, 3 * MS, null, new IOException("HTTP 500"));

        Measured measured = tally.result("x", "none", false);

        assertThat(measured.answered()).isEqualTo(1);
        assertThat(measured.refused()).isEqualTo(2);
        assertThat(measured.errors()).isEqualTo(1);
        assertThat(measured.shareRefused()).isEqualTo(0.5);
        assertThat(measured.refusalP99Ms()).isCloseTo(7, within(0.01));
        assertThat(measured.firstErrors()).containsExactly("IOException: HTTP 500");
    }

    @Test
    void requestsNeverSentAreErrorsThatWaitedPastTwoSeconds() {
        tally.begin(0, S);
        tally.unsent(40, "all 8 slots taken");

        Measured measured = tally.result("x", "none", false);

        assertThat(measured.errors()).isEqualTo(40);
        assertThat(measured.waitedPast2s()).isEqualTo(40);
        assertThat(measured.p99Ms()).isNaN();
    }

    @Test
    void answersAreCountedBySecondForTheColdStartAndTheRecovery() {
        tally.begin(0, 3 * S);
        List.of(0L, 100L, 1_100L, 2_000L, 2_500L, 2_900L)
                .forEach(sent -> tally.record(sent * MS, sent * MS + MS, Outcome.ANSWERED, null));

        Measured measured = tally.result("x", "none", false);

        assertThat(measured.perSecond()).containsExactly(2L, 1L, 3L);
        assertThat(measured.firstSecondsRate(2)).isEqualTo(1.5);
        assertThat(measured.secondsUntil(3)).isEqualTo(3);
        assertThat(measured.secondsUntil(4)).isEqualTo(-1);
    }
}
