package com.example.likes.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * How long and how much: {@code --quick} fits in two minutes with start-up, {@code --full} takes about ten.
 *
 * @param globalWarmUp load on every measured path before the first scenario, not measured
 * @param warmUp load before each measured window, not measured
 * @param duration each measured window
 * @param concurrencies the closed loops of scenario a (gRPC and REST each)
 * @param bareConcurrencies the closed loops of the bare server (scenario b); our server's are scenario a's
 * @param likeConcurrencies the closed loops of likes end to end (scenario c)
 * @param coldConcurrency the closed loop of likes that starts the moment both services report ready (scenario e)
 * @param coldDuration how long that load is measured, from its first second
 * @param likeSustainableRate an open loop of likes at this rate, below what the system can do, or 0 for none
 * @param openGetUserRate an open loop of GetUser at this rate over gRPC and REST each, or 0 for none
 * @param lagDuration the measured window of creates at 200/s (replication lag)
 * @param users users created before the loads: likes need distinct (product, user) pairs
 * @param products products created before the loads
 * @param wireCalls calls counted on the wire per protocol (scenario d)
 * @param restartAlone whether each service is restarted alone to time its start without the other starting too
 * @param external whether to check the generator against h2load and wrk
 */
record Mode(
        String name,
        Duration globalWarmUp,
        Duration warmUp,
        Duration duration,
        List<Integer> concurrencies,
        List<Integer> bareConcurrencies,
        List<Integer> likeConcurrencies,
        int coldConcurrency,
        Duration coldDuration,
        double likeSustainableRate,
        double openGetUserRate,
        Duration lagDuration,
        int users,
        int products,
        int wireCalls,
        boolean restartAlone,
        boolean external) {

    /** This mode with a longer (or shorter) warm-up of every path before the first scenario. */
    Mode withGlobalWarmUp(Duration warmUp) {
        return new Mode(
                name,
                warmUp,
                this.warmUp,
                duration,
                concurrencies,
                bareConcurrencies,
                likeConcurrencies,
                coldConcurrency,
                coldDuration,
                likeSustainableRate,
                openGetUserRate,
                lagDuration,
                users,
                products,
                wireCalls,
                restartAlone,
                external);
    }

    static final Mode QUICK = new Mode(
            "quick",
            Duration.ofSeconds(3),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            List.of(8, 64),
            List.of(64),
            List.of(16, 64),
            16,
            Duration.ofSeconds(30),
            0,
            0,
            Duration.ofSeconds(3),
            600,
            150,
            200,
            true,
            false);

    static final Mode FULL = new Mode(
            "full",
            Duration.ofSeconds(20),
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            List.of(1, 8, 64),
            List.of(1, 8, 64),
            List.of(1, 8, 16, 64),
            16,
            Duration.ofSeconds(60),
            400,
            2000,
            Duration.ofSeconds(30),
            1000,
            400,
            2000,
            true,
            true);
}
