package com.example.likes.benchmarks;

import com.example.likes.benchmarks.load.Measured;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The plain-text summary of a run: every load, the other figures, then each target's verdict. */
final class Report {

    private Report() {}

    static String text(Results r, List<Targets.Check> checks) {
        StringBuilder s = new StringBuilder();
        s.append("Benchmark (%s), %s, %d cores. Every figure is what the whole system does on these cores, the"
                        .formatted(r.mode(), r.date(), r.cores()))
                .append(" generator included.\nA warm-up ends when the throughput settles: ")
                .append(r.settleCriterion())
                .append(". A load that did not settle gets no verdict (indicative).\n\n");
        s.append("%-36s %9s %8s %8s %8s %7s  %s%n"
                .formatted("load", "answers/s", "p50 ms", "p99 ms", "refused", "errors", "warm-up"));
        for (Measured m : r.loads()) {
            s.append("%-36s %,9.0f %8.1f %8.1f %8d %7d  %s%n"
                    .formatted(m.name(), m.throughput(), m.p50Ms(), m.p99Ms(), m.refused(), m.errors(), m.warmUp()));
            m.firstErrors().forEach(error -> s.append("    error: %s%n".formatted(error)));
        }
        s.append("%nready when both start at once: %s%nRSS idle: %s; most under load: %s%n"
                .formatted(joined(r.readySeconds(), " s"), joined(r.rssIdleMb(), " MB"), joined(r.rssMostMb(), " MB")));
        if (r.replication() != null) {
            s.append("replication: creates at %.0f/s, %,.0f/s answered; lag %s%n"
                    .formatted(
                            r.replication().rate(),
                            r.replication().creates().throughput(),
                            r.replication().lag()));
        }
        if (r.cold() != null) {
            Results.Cold c = r.cold();
            s.append("cold start: first %d s at %,.0f likes/s, %.0f %% of the warm %,.0f/s; answers per second %s%n"
                    .formatted(
                            c.firstSeconds(),
                            c.likes().firstSecondsRate(c.firstSeconds()),
                            c.share() * 100,
                            c.warmRate(),
                            c.likes().perSecond()));
        }
        if (r.overload() != null) {
            Results.Overload o = r.overload();
            Measured t = o.atTwice();
            s.append(("overload: capacity %,.0f likes/s; at 2× (%,.0f/s offered) %,.0f/s answered, p99 %.1f ms,"
                            + " %.0f %% refused (p99 %.1f ms), %d errors, %d waited past 2 s; at 60 %% p99 %.1f ms;"
                            + " after it, 90 %% of capacity within %s s; answers per second after %s%n")
                    .formatted(
                            o.capacity(),
                            2 * o.capacity(),
                            t.throughput(),
                            t.p99Ms(),
                            t.shareRefused() * 100,
                            t.refusalP99Ms(),
                            t.errors(),
                            t.waitedPast2s(),
                            o.atSixtyPercent().p99Ms(),
                            o.recoverySeconds() < 0 ? "no" : o.recoverySeconds(),
                            o.after().perSecond()));
        }
        r.notes().forEach(note -> s.append(note).append('\n'));
        s.append('\n').append("%-72s %-40s %s%n".formatted("target", "measured", "verdict"));
        checks.forEach(c -> s.append("%-72s %-40s %s%n".formatted(c.target(), c.measured(), c.verdict())));
        return s.toString();
    }

    private static String joined(Map<String, ? extends Number> values, String unit) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + " " + (e.getValue() instanceof Double d ? "%.1f".formatted(d) : e.getValue())
                        + unit)
                .collect(Collectors.joining(", "));
    }
}
