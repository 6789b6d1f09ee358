package com.example.likes.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One line per measured load, every figure in a column of its own, for spreadsheets and scripts. */
public final class CsvReport {

    private CsvReport() {}

    public static String of(Results results) {
        Set<String> processes = new LinkedHashSet<>();
        results.runs.forEach(
                run -> processes.addAll(run.resources().cpuMillisPerRequest().keySet()));
        Set<String> memory = new LinkedHashSet<>();
        results.runs.forEach(run -> memory.addAll(run.resources().maxRssBytes().keySet()));
        List<String> header = new ArrayList<>(List.of(
                "scenario",
                "name",
                "load",
                "seconds",
                "requests",
                "errors",
                "throughput_rps",
                "p50_ms",
                "p90_ms",
                "p99_ms",
                "p999_ms",
                "max_ms",
                "machine_cpu_busy"));
        processes.forEach(p -> header.add("cpu_ms_per_request_" + p));
        memory.forEach(p -> header.add("max_rss_mb_" + p));
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (Run run : results.runs) {
            var r = run.result();
            List<String> row = new ArrayList<>(List.of(
                    quote(run.scenario()),
                    quote(run.name()),
                    quote(r.load().label()),
                    number(r.elapsed().toNanos() / 1e9),
                    Long.toString(r.requests()),
                    Long.toString(r.errors()),
                    number(r.throughput()),
                    number(r.latencyMillis(50)),
                    number(r.latencyMillis(90)),
                    number(r.latencyMillis(99)),
                    number(r.latencyMillis(99.9)),
                    number(r.maxLatencyMillis()),
                    number(run.resources().machineBusy())));
            processes.forEach(
                    p -> row.add(number(run.resources().cpuMillisPerRequest().getOrDefault(p, Double.NaN))));
            memory.forEach(p -> row.add(number(run.resources().maxRssBytes().getOrDefault(p, -1L) / 1024.0 / 1024.0)));
            csv.append(String.join(",", row)).append('\n');
        }
        return csv.toString();
    }

    static String number(double value) {
        return Double.isNaN(value) || value < 0 ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String quote(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
