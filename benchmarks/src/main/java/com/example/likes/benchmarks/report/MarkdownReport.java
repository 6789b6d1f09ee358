package com.example.likes.benchmarks.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The results as Markdown tables: the targets first, then every load, the wire, lag, memory, start-up, tools. */
public final class MarkdownReport {

    private MarkdownReport() {}

    public static String of(Results results, List<Targets.Check> checks) {
        StringBuilder md = new StringBuilder();
        md.append("## Targets\n\n| target | measured | verdict |\n| --- | --- | --- |\n");
        for (Targets.Check check : checks) {
            md.append("| ")
                    .append(check.target())
                    .append(" | ")
                    .append(check.measured())
                    .append(" | ")
                    .append(check.verdict())
                    .append(" |\n");
        }

        Set<String> processes = new LinkedHashSet<>();
        results.runs.forEach(
                run -> processes.addAll(run.resources().cpuMillisPerRequest().keySet()));
        md.append("\n## Throughput and latency\n\n");
        md.append("Latencies in ms; CPU in ms of CPU time per request, by process; machine: the share of both cores"
                + " that was busy.\n\n");
        md.append("| | scenario | load | req/s | p50 | p90 | p99 | p99.9 | max | errors | machine |");
        processes.forEach(p -> md.append(" CPU ").append(p).append(" |"));
        md.append("\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        processes.forEach(p -> md.append("---:|"));
        md.append('\n');
        for (Run run : results.runs) {
            var r = run.result();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %d | %s |",
                    run.scenario(),
                    run.name(),
                    r.load().label(),
                    r.throughput(),
                    r.latencyMillis(50),
                    r.latencyMillis(90),
                    r.latencyMillis(99),
                    r.latencyMillis(99.9),
                    r.maxLatencyMillis(),
                    r.errors(),
                    percent(run.resources().machineBusy())));
            for (String p : processes) {
                Double cpu = run.resources().cpuMillisPerRequest().get(p);
                md.append(cpu == null ? " - |" : String.format(Locale.ROOT, " %.3f |", cpu));
            }
            md.append('\n');
        }
        results.runs.stream()
                .filter(run -> !run.result().firstErrors().isEmpty())
                .forEach(run -> md.append("\nErrors of ")
                        .append(run.key())
                        .append(": ")
                        .append(String.join("; ", run.result().firstErrors()))
                        .append('\n'));

        if (!results.wire.isEmpty()) {
            md.append("\n## Bytes on the wire per call (d)\n\n");
            md.append("| protocol | calls | client → server | server → client | total | payload |\n");
            md.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
            for (Results.WireBytes wire : results.wire) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.1f | %.1f | %.1f | %s |%n",
                        wire.protocol(),
                        wire.calls(),
                        wire.requestBytesPerCall(),
                        wire.responseBytesPerCall(),
                        wire.totalPerCall(),
                        wire.payload()));
            }
        }

        if (results.lag != null) {
            Results.Lag lag = results.lag;
            md.append("\n## Replication lag at ").append(Math.round(lag.rate())).append(" creates/s (c)\n\n");
            md.append("| measured by | count | p50 | p99 |\n| --- | ---: | ---: | ---: |\n");
            md.append(String.format(
                    Locale.ROOT,
                    "| dashboard's `replication_lag_seconds` (commit → product-service's answer): deliveries"
                            + " during the load; percentiles of its rolling window (the last two minutes) | %d | %s | %s |%n",
                    lag.timerCount(),
                    Targets.millis(lag.timerP50Millis()),
                    Targets.millis(lag.timerP99Millis())));
            md.append(String.format(
                    Locale.ROOT,
                    "| a client, every %screate (its 201 → the first 200 from product-service, polled every ms, later"
                            + " every tenth of the time waited) | %d | %.1f ms | %.1f ms |%n",
                    ordinal(lag.sampleEvery()),
                    lag.observed(),
                    lag.observedP50Millis(),
                    lag.observedP99Millis()));
            md.append(String.format(
                    Locale.ROOT,
                    "%nThe client's probes sent %,d reads to product-service, %.2f per create, on connections of their"
                            + " own; %d failed.%n",
                    lag.polls(),
                    lag.creates() == 0 ? 0.0 : (double) lag.polls() / lag.creates(),
                    lag.probeFailures()));
            lag.firstProbeFailures()
                    .forEach(failure -> md.append("- ").append(failure).append('\n'));
        }

        if (results.cold != null) {
            md.append(coldStart(results.cold));
        }

        md.append("\n## Start-up and memory (3)\n\n| | |\n| --- | ---: |\n");
        results.startup.forEach((service, time) -> md.append(String.format(
                Locale.ROOT, "| %s: process start → readiness 200 | %.1f s |%n", service, time.toMillis() / 1000.0)));
        results.rssIdle.forEach((service, rss) -> md.append(String.format(
                Locale.ROOT,
                "| %s RSS: idle / most under load / after the run | %.0f / %.0f / %.0f MB |%n",
                service,
                Targets.mb(rss),
                Targets.mb(results.rssUnderLoad(service)),
                Targets.mb(results.rssAfter.getOrDefault(service, -1L)))));

        if (!results.external.isEmpty()) {
            md.append("\n## The generator against external tools\n\n");
            md.append(
                    "Runs alternate (ours, the tool's, ours, the tool's, ours); each side is the mean of its runs.\n\n");
            md.append(
                    "| scenario | tool | ours req/s (runs) | tool's req/s (runs) | difference | CPU per request, ours /"
                            + " tool's | tool's latency (last run) | tool's command |\n");
            md.append("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
            for (Results.ExternalCheck check : results.external) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %,.0f (%s) | %,.0f (%s) | %+.1f%% | %.3f / %.3f ms | %s | `%s` |%n",
                        check.scenario(),
                        check.tool(),
                        check.ours(),
                        runs(check.oursRuns()),
                        check.theirs(),
                        runs(check.theirRuns()),
                        check.difference() * 100,
                        check.oursCpuMillisPerRequest(),
                        check.theirCpuMillisPerRequest(),
                        check.theirLatency(),
                        check.command()));
            }
        }
        if (!results.notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            results.notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    /** Scenario e: the per-second throughput from a cold start as a text chart, against the warm rate. */
    static String coldStart(Results.Cold cold) {
        StringBuilder md = new StringBuilder("\n## Likes from a cold start (e)\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Both services started at once (ready after %s); a closed loop of %d likes started the moment both"
                        + " were. First %d s: %,.0f likes/s, %.0f%% of the warm rate (%,.0f likes/s, scenario c at the"
                        + " same concurrency). Per second (`#` = likes answered, `|` = the warm rate):%n%n```%n",
                cold.startup().entrySet().stream()
                        .map(e -> "%s %.1f s".formatted(e.getKey(), e.getValue().toMillis() / 1000.0))
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("-"),
                cold.concurrency(),
                Results.Cold.FIRST_SECONDS,
                cold.firstSeconds(),
                cold.ratio() * 100,
                cold.warm()));
        double max = Math.max(
                cold.warm() > 0 ? cold.warm() : 0,
                cold.perSecond().stream().mapToLong(Long::longValue).max().orElse(1));
        int width = 60;
        int warmAt = cold.warm() > 0 ? (int) Math.round(width * cold.warm() / max) : -1;
        for (int second = 0; second < cold.perSecond().size(); second++) {
            long likes = cold.perSecond().get(second);
            int bar = (int) Math.round(width * likes / Math.max(max, 1));
            StringBuilder line = new StringBuilder();
            for (int i = 0; i <= width; i++) {
                line.append(i < bar ? '#' : i == warmAt ? '|' : ' ');
            }
            md.append(String.format(Locale.ROOT, "%3d s %s %,6d%n", second + 1, line, likes));
        }
        md.append("```\n");
        if (!cold.jit().isEmpty()) {
            md.append(String.format(
                    Locale.ROOT,
                    "%nThe JIT's compiler threads (C1 and C2) took, of each service's CPU, over the first %d s / the"
                            + " whole load: %s.%n",
                    Results.Cold.FIRST_SECONDS,
                    cold.jit().entrySet().stream()
                            .map(e -> "%s %s / %s"
                                    .formatted(
                                            e.getKey(),
                                            percent(e.getValue().firstSeconds()),
                                            percent(e.getValue().window())))
                            .collect(Collectors.joining(", "))));
        }
        return md.toString();
    }

    /** The heading block: when, which mode, on what machine. */
    public static String header(Results results) {
        var m = results.machine;
        return String.format(
                Locale.ROOT,
                "# Benchmark results: %s mode, %s%n%n| machine | |%n| --- | --- |%n| cores (nproc) | %d |%n"
                        + "| memory | %s |%n| CPU | %s |%n| one core's speed before / after the run (SHA-256, one thread)"
                        + " | %s / %s MB/s |%n| OS | %s |%n| JDK | %s |%n| run took | %s |%n%n",
                results.mode,
                results.started,
                m.cores(),
                m.memory(),
                m.cpuModel(),
                speed(results.cpuReferenceBefore),
                speed(results.cpuReferenceAfter),
                m.os(),
                m.jdk(),
                results.total == null ? "-" : results.total.toSeconds() + " s");
    }

    private static String runs(List<Double> throughputs) {
        return String.join(
                " / ",
                throughputs.stream()
                        .map(t -> String.format(Locale.ROOT, "%,.0f", t))
                        .toList());
    }

    /** {@code "50th "} for 50, nothing for 1: as in "every 50th create". */
    static String ordinal(int n) {
        if (n == 1) {
            return "";
        }
        String suffix = n % 100 / 10 == 1
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix + " ";
    }

    private static String speed(double megabytesPerSecond) {
        return Double.isNaN(megabytesPerSecond) ? "-" : String.format(Locale.ROOT, "%,.0f", megabytesPerSecond);
    }

    private static String percent(double share) {
        return share < 0 || Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
