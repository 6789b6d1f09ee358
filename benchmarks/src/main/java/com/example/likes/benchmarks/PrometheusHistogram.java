package com.example.likes.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cumulative buckets of one Prometheus histogram ({@code name_bucket{le="..."}}) as scraped from
 * {@code /actuator/prometheus}, so that two scrapes give the distribution of what happened between them.
 *
 * @param buckets the count at or below each upper bound, in seconds, {@code +Inf} included
 */
record PrometheusHistogram(TreeMap<Double, Double> buckets) {

    static PrometheusHistogram parse(String exposition, String name) {
        Pattern line = Pattern.compile(
                "^" + Pattern.quote(name) + "_bucket\\{(?:[^}]*,)?le=\"([^\"]+)\"[^}]*\\}\\s+(\\S+)",
                Pattern.MULTILINE);
        TreeMap<Double, Double> buckets = new TreeMap<>();
        Matcher m = line.matcher(exposition);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
        }
        return new PrometheusHistogram(buckets);
    }

    /** What was counted since {@code earlier}, bucket by bucket. */
    PrometheusHistogram minus(PrometheusHistogram earlier) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        buckets.forEach((le, count) -> delta.put(le, count - earlier.buckets.getOrDefault(le, 0.0)));
        return new PrometheusHistogram(delta);
    }

    long count() {
        return buckets.isEmpty() ? 0 : Math.round(buckets.lastEntry().getValue());
    }

    /**
     * The upper bound, in seconds, of the bucket that holds the {@code quantile} (0 to 1): the true value is at most
     * this. NaN when nothing was counted.
     */
    double quantileUpperBound(double quantile) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = Math.ceil(quantile * total);
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
