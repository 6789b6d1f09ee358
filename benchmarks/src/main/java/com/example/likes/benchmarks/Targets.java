package com.example.likes.benchmarks;

import com.example.likes.benchmarks.load.Measured;
import java.util.ArrayList;
import java.util.List;

/**
 * The system's performance targets, checked against one run. A target rests on loads: when one of them was warmed
 * but did not settle, its verdict is "indicative"; when one did not run, "not measured".
 */
final class Targets {

    static final double LIKES_PER_SECOND = 1500;
    static final double LIKES_P99_MS = 50;
    static final double LAG_P99_MS = 50;
    static final double COLD_SHARE = 0.5;
    static final double READY_SECONDS = 5;
    static final long RSS_MB = 300;
    static final double REFUSAL_P99_MS = 100;
    static final int RECOVERY_SECONDS = 5;
    static final double TOOL_TOLERANCE = 0.15;

    /** One target, what the run measured for it, and the verdict: met, not met, indicative or not measured. */
    record Check(String target, String measured, String verdict) {}

    private Targets() {}

    static List<Check> check(Results r) {
        List<Check> checks = new ArrayList<>();
        Measured grpc = r.load("GetUser gRPC c=64").orElse(null);
        Measured rest = r.load("GetUser REST c=64").orElse(null);
        Measured bare = r.load("GetUser bare grpc-java c=64").orElse(null);
        if (grpc != null && rest != null) {
            double ratio = grpc.throughput() / rest.throughput();
            checks.add(check(
                    "gRPC ≥ 2× REST throughput (GetUser, 64 concurrent)",
                    versus(ratio, grpc.throughput(), rest.throughput(), "/s"),
                    ratio >= 2,
                    grpc,
                    rest));
            ratio = grpc.p99Ms() / rest.p99Ms();
            checks.add(check(
                    "gRPC p99 ≤ 0.5× REST p99 (GetUser, 64 concurrent)",
                    versus(ratio, grpc.p99Ms(), rest.p99Ms(), " ms"),
                    ratio <= 0.5,
                    grpc,
                    rest));
        }
        if (grpc != null && bare != null) {
            double ratio = grpc.throughput() / bare.throughput();
            checks.add(check(
                    "our gRPC server ≥ 80 % of a bare grpc-java server (64 concurrent)",
                    versus(ratio, grpc.throughput(), bare.throughput(), "/s"), ratio >= 0.8, grpc, bare));
        }
        for (int concurrency : List.of(16, 64)) {
            r.load("likes c=" + concurrency)
                    .ifPresent(likes -> checks.add(check(
                            "likes ≥ 1,500/s with p99 ≤ 50 ms at " + concurrency + " concurrent",
                            "%,.0f/s, p99 %.1f ms".formatted(likes.throughput(), likes.p99Ms()),
                            likes.throughput() >= LIKES_PER_SECOND && likes.p99Ms() <= LIKES_P99_MS,
                            likes)));
        }
        if (r.replication() != null) {
            var lag = r.replication().lag();
            Measured creates = r.replication().creates();
            boolean kept = creates.errors() == 0
                    && creates.throughput() >= 0.99 * r.replication().rate();
            checks.add(check(
                    "replication lag p99 ≤ 50 ms at 200 creates/s",
                    "%s; %,.0f creates/s answered".formatted(lag, creates.throughput()),
                    kept && lag.failures() == 0 && lag.p99Ms() <= LAG_P99_MS));
        }
        if (r.cold() != null) {
            Results.Cold cold = r.cold();
            checks.add(check(
                    "likes from a cold start: first 15 s ≥ 50 % of the warm rate (16 concurrent)",
                    "%.0f %% (%,.0f vs %,.0f/s)"
                            .formatted(
                                    cold.share() * 100,
                                    cold.likes().firstSecondsRate(cold.firstSeconds()),
                                    cold.warmRate()),
                    cold.share() >= COLD_SHARE,
                    r.load("likes c=16").orElse(null)));
        }
        r.readySeconds()
                .forEach((service, seconds) -> checks.add(check(
                        service + " ready in ≤ 5 s when both start at once",
                        "%.1f s".formatted(seconds),
                        seconds <= READY_SECONDS)));
        r.rssMostMb()
                .forEach((service, mb) -> checks.add(check(
                        service + " ≤ 300 MB RSS under load",
                        "%d MB (idle %s MB)".formatted(mb, r.rssIdleMb().get(service)),
                        mb <= RSS_MB)));
        if (r.overload() != null) {
            overload(r.overload(), r.load("likes c=64").orElse(null), checks);
        }
        for (Results.ToolCheck tool : r.tools()) {
            checks.add(check(
                    "generator within 15 % of " + tool.tool() + " (" + tool.request() + ")",
                    "%+.1f %% (%,.0f vs %,.0f/s)"
                            .formatted(tool.difference() * 100, tool.generatorRate(), tool.toolRate()),
                    Math.abs(tool.difference()) <= TOOL_TOLERANCE));
        }
        return checks;
    }

    private static void overload(Results.Overload o, Measured capacity, List<Check> checks) {
        Measured twice = o.atTwice();
        checks.add(check(
                "at 2× capacity, refusals answered within 100 ms (p99)",
                twice.refused() == 0
                        ? "none refused (%,.0f/s offered, %,.0f/s answered)"
                                .formatted(2 * o.capacity(), twice.throughput())
                        : "p99 %.1f ms, %.0f %% refused".formatted(twice.refusalP99Ms(), twice.shareRefused() * 100),
                twice.refused() == 0 ? twice.waitedPast2s() == 0 : twice.refusalP99Ms() <= REFUSAL_P99_MS,
                capacity));
        double ratio = twice.p99Ms() / o.atSixtyPercent().p99Ms();
        checks.add(check(
                "at 2× capacity, admitted p99 ≤ 3× the p99 at 60 %",
                "%.1f× (%.1f vs %.1f ms)"
                        .formatted(ratio, twice.p99Ms(), o.atSixtyPercent().p99Ms()),
                ratio <= 3,
                capacity));
        checks.add(check(
                "at 2× capacity, no request waits past 2 s",
                "%,d of %,d".formatted(twice.waitedPast2s(), twice.answered() + twice.refused() + twice.errors()),
                twice.waitedPast2s() == 0,
                capacity));
        checks.add(check(
                "full throughput back within 5 s after the overload",
                o.recoverySeconds() < 0 ? "not within 10 s" : o.recoverySeconds() + " s",
                o.recoverySeconds() > 0 && o.recoverySeconds() <= RECOVERY_SECONDS,
                capacity));
    }

    private static String versus(double ratio, double a, double b, String unit) {
        return "%.2f× (%,.1f vs %,.1f%s)".formatted(ratio, a, b, unit);
    }

    /** A verdict for {@code met}, unless a warmed load it rests on did not settle (or did not run). */
    static Check check(String target, String measured, boolean met, Measured... basis) {
        for (Measured load : basis) {
            if (load == null) {
                return new Check(target, measured, "not measured");
            }
            if (!load.settled() && !load.warmUp().equals("none")) {
                return new Check(target, measured, "indicative");
            }
        }
        return new Check(target, measured, met ? "met" : "not met");
    }
}
