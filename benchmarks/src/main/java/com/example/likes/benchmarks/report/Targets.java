package com.example.likes.benchmarks.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets, checked against what one run measured. A target whose figures are missing (a scenario that
 * did not run in this mode) is reported as not measured, never as met.
 */
public final class Targets {

    public static final String GRPC_64 = "GetUser gRPC, closed c=64";
    public static final String REST_64 = "GetUser REST, closed c=64";
    public static final String BARE_64 = "GetUser bare grpc-java, closed c=64";
    public static final String LIKE_64 = "Like end to end, closed c=64";
    public static final String LIKE_RATE = "Like end to end, open 1500/s";
    public static final String LIKE_16 = "Like end to end, closed c=16";
    public static final double LIKE_TARGET_RATE = 1500;
    public static final double CREATE_RATE = 200;
    static final long RSS_LIMIT = 300L * 1024 * 1024;
    static final Duration READY_LIMIT = Duration.ofSeconds(5);
    static final double EXTERNAL_TOLERANCE = 0.15;
    static final double COLD_SHARE = 0.5;

    /**
     * One target and how the run did against it.
     *
     * @param met true or false, or null when the run did not measure it
     */
    public record Check(String target, String measured, Boolean met) {

        public String verdict() {
            return met == null ? "not measured" : met ? "met" : "**not met**";
        }
    }

    private Targets() {}

    public static List<Check> check(Results results) {
        List<Check> checks = new ArrayList<>();
        Optional<Run> grpc = results.run(GRPC_64);
        Optional<Run> rest = results.run(REST_64);
        Optional<Run> bare = results.run(BARE_64);
        if (grpc.isPresent() && rest.isPresent()) {
            double throughput =
                    ratio(grpc.get().result().throughput(), rest.get().result().throughput());
            checks.add(new Check(
                    "a. gRPC ≥ 2× REST/JSON throughput at 64 concurrent",
                    "%.2f× (%,.0f vs %,.0f req/s)"
                            .formatted(
                                    throughput,
                                    grpc.get().result().throughput(),
                                    rest.get().result().throughput()),
                    throughput >= 2));
            double p99 = ratio(
                    grpc.get().result().latencyMillis(99), rest.get().result().latencyMillis(99));
            checks.add(new Check(
                    "a. gRPC p99 ≤ 0.5× REST/JSON p99 at 64 concurrent",
                    "%.2f× (%.2f vs %.2f ms)"
                            .formatted(
                                    p99,
                                    grpc.get().result().latencyMillis(99),
                                    rest.get().result().latencyMillis(99)),
                    p99 <= 0.5));
        } else {
            checks.add(new Check("a. gRPC ≥ 2× REST/JSON throughput, p99 ≤ 0.5× at 64 concurrent", "-", null));
        }
        if (grpc.isPresent() && bare.isPresent()) {
            double share =
                    ratio(grpc.get().result().throughput(), bare.get().result().throughput());
            checks.add(new Check(
                    "b. our gRPC server ≥ 80% of a bare grpc-java server's throughput (c=64)",
                    "%.0f%% (%,.0f vs %,.0f req/s)"
                            .formatted(
                                    share * 100,
                                    grpc.get().result().throughput(),
                                    bare.get().result().throughput()),
                    share >= 0.8));
        } else {
            checks.add(new Check("b. our gRPC server ≥ 80% of a bare grpc-java server's throughput", "-", null));
        }
        Optional<Run> likeClosed = results.run(LIKE_64);
        Optional<Run> likeOpen = results.run(LIKE_RATE);
        Optional<Run> like16 = results.run(LIKE_16);
        if (like16.isPresent()) {
            var result = like16.get().result();
            checks.add(new Check(
                    "c. like end to end ≥ 1,500 req/s with p99 ≤ 50 ms at 16 concurrent",
                    "%,.0f req/s (p99 %.1f ms)".formatted(result.throughput(), result.latencyMillis(99)),
                    result.throughput() >= LIKE_TARGET_RATE && result.latencyMillis(99) <= 50));
        }
        if (likeClosed.isPresent()) {
            double capacity = likeClosed.get().result().throughput();
            checks.add(new Check(
                    "c. like end to end ≥ 1,500 req/s (most a closed loop of 64 gets)",
                    "%,.0f req/s (p99 %.1f ms)"
                            .formatted(capacity, likeClosed.get().result().latencyMillis(99)),
                    capacity >= LIKE_TARGET_RATE));
        }
        if (likeOpen.isPresent()) {
            var result = likeOpen.get().result();
            boolean kept = result.errors() == 0 && result.throughput() >= 0.99 * LIKE_TARGET_RATE;
            // Nothing answered in the window: the system fell behind during the warm-up already, and every request
            // due in the window waited past its end. Its latency is unbounded, not zero.
            String measured = result.requests() == 0
                    ? "overloaded: none of the %,d requests due in the window was answered within it (p99 unbounded)"
                            .formatted(result.errors())
                    : "p99 %.1f ms, p50 %.1f ms; %,.0f req/s answered, %d errors"
                            .formatted(
                                    result.latencyMillis(99),
                                    result.latencyMillis(50),
                                    result.throughput(),
                                    result.errors());
            checks.add(new Check(
                    "c. like end to end p99 ≤ 50 ms at 1,500 req/s (open loop)",
                    measured,
                    kept && result.latencyMillis(99) <= 50));
        }
        if (likeClosed.isEmpty() && likeOpen.isEmpty()) {
            checks.add(new Check("c. like end to end ≥ 1,500 req/s with p99 ≤ 50 ms", "-", null));
        }
        if (results.lag != null) {
            Results.Lag lag = results.lag;
            checks.add(new Check(
                    "c. replication lag p99 ≤ 50 ms at 200 creates/s",
                    ("seen by a client p99 %.1f ms (p50 %.1f ms, %d sampled, %d failed); the dashboard's timer p99 %s"
                                    + " (p50 %s)")
                            .formatted(
                                    lag.observedP99Millis(),
                                    lag.observedP50Millis(),
                                    lag.observed(),
                                    lag.probeFailures(),
                                    millis(lag.timerP99Millis()),
                                    millis(lag.timerP50Millis())),
                    lag.observed() > 0 && lag.probeFailures() == 0 && lag.observedP99Millis() <= 50));
        } else {
            checks.add(new Check("c. replication lag p99 ≤ 50 ms at 200 creates/s", "-", null));
        }
        if (results.cold != null) {
            Results.Cold cold = results.cold;
            checks.add(new Check(
                    "e. likes from a cold start ≥ 50% of the warm rate over their first 15 s (c=" + cold.concurrency()
                            + ")",
                    "%.0f%% (%,.0f vs %,.0f likes/s)".formatted(cold.ratio() * 100, cold.firstSeconds(), cold.warm()),
                    Double.isNaN(cold.ratio()) ? null : cold.ratio() >= COLD_SHARE));
        }
        results.startup.forEach((service, time) -> checks.add(new Check(
                "3. " + service + " ready in ≤ 5 s",
                "%.1f s".formatted(time.toMillis() / 1000.0),
                time.compareTo(READY_LIMIT) <= 0)));
        for (String service : results.rssIdle.keySet()) {
            long rss = results.rssUnderLoad(service);
            checks.add(new Check(
                    "3. " + service + " ≤ 300 MB RSS under load",
                    rss < 0 ? "-" : "%.0f MB (idle %.0f MB)".formatted(mb(rss), mb(results.rssIdle.get(service))),
                    rss < 0 ? null : rss <= RSS_LIMIT));
        }
        for (Results.ExternalCheck external : results.external) {
            checks.add(new Check(
                    "generator within 15% of " + external.tool() + " (" + external.scenario() + ")",
                    "%+.1f%% (%,.0f vs %,.0f req/s)"
                            .formatted(external.difference() * 100, external.ours(), external.theirs()),
                    Math.abs(external.difference()) <= EXTERNAL_TOLERANCE));
        }
        return checks;
    }

    /** A histogram bucket's upper bound in ms: the value is at most this, or beyond the last finite bucket. */
    static String millis(double millis) {
        return Double.isNaN(millis) ? "-" : "%.1f ms".formatted(millis);
    }

    static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }
}
