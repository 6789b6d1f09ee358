package com.example.likes.benchmarks;

import com.example.likes.benchmarks.clients.ReplicationProbes;
import com.example.likes.benchmarks.load.Measured;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run measured, as written to {@code summary.json}. A part whose scenario did not run is null or empty.
 *
 * @param readySeconds each service's ready time when both start at once (the cold start's, else the stack's start)
 * @param rssIdleMb each service's RSS once the stack is up, before any load
 * @param rssMostMb the most RSS each service reached during the loads
 */
record Results(
        String mode,
        String date,
        int cores,
        String settleCriterion,
        List<Measured> loads,
        Map<String, Double> readySeconds,
        Map<String, Long> rssIdleMb,
        Map<String, Long> rssMostMb,
        Replication replication,
        Cold cold,
        Overload overload,
        List<ToolCheck> tools,
        List<String> notes) {

    /** Creates on the dashboard at a fixed rate and the lag until product-service has them. */
    record Replication(double rate, Measured creates, ReplicationProbes.Lag lag) {}

    /**
     * Likes from the moment both services, started at once, report ready.
     *
     * @param firstSeconds how many of the first seconds are compared with the warm rate
     */
    record Cold(int firstSeconds, Measured likes, double warmRate) {
        double share() {
            return likes.firstSecondsRate(firstSeconds) / warmRate;
        }
    }

    /**
     * Likes offered at twice the measured capacity in an open loop, beside 60 % of it, and a closed loop right after.
     *
     * @param capacity the likes per second of the closed loop of 64
     * @param recoverySeconds seconds after the overload until a second answered 90 % of capacity, -1 if none did
     */
    record Overload(double capacity, Measured atSixtyPercent, Measured atTwice, Measured after, int recoverySeconds) {}

    /** The same request measured by an external tool and by the generator. */
    record ToolCheck(String tool, String request, double toolRate, double generatorRate) {
        double difference() {
            return generatorRate / toolRate - 1;
        }
    }

    Optional<Measured> load(String name) {
        return loads.stream().filter(load -> load.name().equals(name)).findFirst();
    }
}
