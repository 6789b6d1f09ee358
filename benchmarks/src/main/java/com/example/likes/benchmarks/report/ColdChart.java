package com.example.likes.benchmarks.report;

import java.util.List;
import java.util.Locale;

/**
 * Scenario e as an SVG file: likes answered in each second after both services reported ready, one bar a second,
 * with the warm rate (scenario c at the same concurrency) as a dashed line and the first 15 s shaded. Hand-written
 * SVG, as {@link SvgChart}.
 */
public final class ColdChart {

    private static final int LEFT = 60;
    private static final int TOP = 50;
    private static final int PLOT_WIDTH = 720;
    private static final int PLOT_HEIGHT = 240;

    private ColdChart() {}

    public static String of(Results.Cold cold) {
        List<Long> seconds = cold.perSecond();
        double max = Math.max(
                        cold.warm() > 0 ? cold.warm() : 0,
                        seconds.stream().mapToLong(Long::longValue).max().orElse(1))
                * 1.1;
        int width = LEFT + PLOT_WIDTH + 20;
        int height = TOP + PLOT_HEIGHT + 50;
        double step = PLOT_WIDTH / (double) Math.max(1, seconds.size());
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
                width,
                height,
                width,
                height));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Likes per second from a cold start"
                        + " (closed loop of %d, started when both services were ready)</text>%n",
                cold.concurrency()));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"10\" y=\"40\">first %d s: %,.0f likes/s = %.0f%% of the warm rate (%,.0f likes/s,"
                        + " dashed)</text>%n",
                Results.Cold.FIRST_SECONDS,
                cold.firstSeconds(),
                cold.ratio() * 100,
                cold.warm()));
        double firstWidth = step * Math.min(Results.Cold.FIRST_SECONDS, seconds.size());
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>%n",
                LEFT,
                TOP,
                firstWidth,
                PLOT_HEIGHT));
        for (int i = 0; i < seconds.size(); i++) {
            double h = PLOT_HEIGHT * seconds.get(i) / max;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#59a14f\"/>%n",
                    LEFT + i * step + 1,
                    TOP + PLOT_HEIGHT - h,
                    Math.max(1, step - 2),
                    h));
            if ((i + 1) % 5 == 0 || i == 0) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%d s</text>%n",
                        LEFT + (i + 0.5) * step,
                        TOP + PLOT_HEIGHT + 14,
                        i + 1));
            }
        }
        for (int tick = 0; tick <= 4; tick++) {
            double value = max * tick / 4;
            double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * tick / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%,.0f</text>%n"
                            + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#cccccc\"/>%n",
                    LEFT - 6,
                    y + 3,
                    value,
                    LEFT,
                    y,
                    LEFT + PLOT_WIDTH,
                    y));
        }
        if (cold.warm() > 0) {
            double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * cold.warm() / max;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e15759\" stroke-width=\"2\""
                            + " stroke-dasharray=\"6,4\"/>%n",
                    LEFT,
                    y,
                    LEFT + PLOT_WIDTH,
                    y));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds after both services were ready</text>%n",
                LEFT + PLOT_WIDTH / 2,
                TOP + PLOT_HEIGHT + 36));
        svg.append("</svg>\n");
        return svg.toString();
    }
}
