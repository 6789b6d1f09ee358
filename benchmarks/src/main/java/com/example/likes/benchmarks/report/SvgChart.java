package com.example.likes.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chart of every measured load as an SVG file: throughput on the left, p50 and p99 latency on the right, one row per
 * load, coloured by scenario. Hand-written SVG, so that the benchmark needs no charting library.
 */
public final class SvgChart {

    private static final Map<String, String> COLOURS =
            Map.of("a", "#4e79a7", "b", "#f28e2b", "c", "#59a14f", "x", "#9c755f", "e", "#e15759");
    private static final int LABEL_WIDTH = 330;
    private static final int PANEL_WIDTH = 330;
    private static final int GAP = 40;
    private static final int ROW = 22;
    private static final int TOP = 56;

    private static final double MIN_LATENCY_MILLIS = 0.1;

    private SvgChart() {}

    private static double logShare(double millis, double decades) {
        return Math.clamp(Math.log10(Math.max(millis, MIN_LATENCY_MILLIS) / MIN_LATENCY_MILLIS) / decades, 0, 1);
    }

    public static String of(Results results) {
        List<Run> runs = results.runs;
        double maxThroughput =
                runs.stream().mapToDouble(r -> r.result().throughput()).max().orElse(1);
        // A log scale from 0.1 ms: an overloaded open loop (seconds) must not flatten every other row to nothing.
        double decades = Math.log10(Math.max(
                        runs.stream()
                                .mapToDouble(r -> r.result().latencyMillis(99))
                                .max()
                                .orElse(1),
                        1)
                / MIN_LATENCY_MILLIS);
        int width = LABEL_WIDTH + 2 * PANEL_WIDTH + 2 * GAP + 60;
        int height = TOP + runs.size() * ROW + 40;
        int throughputX = LABEL_WIDTH;
        int latencyX = LABEL_WIDTH + PANEL_WIDTH + GAP + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n",
                width,
                height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(
                svg,
                10,
                20,
                15,
                "bold",
                "start",
                "Benchmark, " + results.mode + " mode, " + results.machine.cores()
                        + " cores shared by the generator, both services and PostgreSQL");
        text(svg, throughputX, TOP - 12, 12, "bold", "start", "throughput (req/s)");
        text(svg, latencyX, TOP - 12, 12, "bold", "start", "latency (ms, log scale from 0.1): p50 dark, p99 light");
        int y = TOP;
        for (Run run : runs) {
            String colour = COLOURS.getOrDefault(run.scenario(), "#bab0ac");
            var result = run.result();
            text(svg, LABEL_WIDTH - 8, y + 15, 12, "normal", "end", run.scenario() + ". " + run.key());
            double w = PANEL_WIDTH * result.throughput() / maxThroughput;
            rect(svg, throughputX, y + 3, w, ROW - 6, colour, 1);
            text(svg, throughputX + w + 4, y + 15, 11, "normal", "start", "%,.0f".formatted(result.throughput()));
            double p99 = PANEL_WIDTH * logShare(result.latencyMillis(99), decades);
            double p50 = PANEL_WIDTH * logShare(result.latencyMillis(50), decades);
            rect(svg, latencyX, y + 3, p99, ROW - 6, colour, 0.4);
            rect(svg, latencyX, y + 3, p50, ROW - 6, colour, 1);
            text(
                    svg,
                    latencyX + p99 + 4,
                    y + 15,
                    11,
                    "normal",
                    "start",
                    String.format(Locale.ROOT, "%.2f / %.2f", result.latencyMillis(50), result.latencyMillis(99)));
            y += ROW;
        }
        text(
                svg,
                10,
                y + 24,
                11,
                "normal",
                "start",
                "a: one hop, gRPC vs REST/JSON; b: platform vs bare grpc-java; c: end to end; x: external tools' twins");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void rect(StringBuilder svg, double x, double y, double w, double h, String fill, double opacity) {
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"%.2f\"/>%n",
                x,
                y,
                Math.max(w, 0.5),
                h,
                fill,
                opacity));
    }

    private static void text(
            StringBuilder svg, double x, double y, int size, String weight, String anchor, String content) {
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x,
                y,
                size,
                weight,
                anchor,
                escape(content)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
