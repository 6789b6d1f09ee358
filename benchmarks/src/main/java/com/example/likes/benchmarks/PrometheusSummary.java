package com.example.likes.benchmarks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Micrometer timer with published percentiles as scraped from {@code /actuator/prometheus}: its count and its
 * {@code quantile="0.5"} and {@code quantile="0.99"} lines. Micrometer computes those over a rolling window (the
 * last two minutes by default), not since a chosen moment.
 *
 * @param count how many times the timer recorded, since the service started
 * @param p50Seconds the median of the rolling window, NaN when the timer is not there
 * @param p99Seconds the 99th percentile of the rolling window, NaN when the timer is not there
 */
record PrometheusSummary(long count, double p50Seconds, double p99Seconds) {

    static PrometheusSummary parse(String exposition, String name) {
        return new PrometheusSummary(
                Math.round(value(exposition, Pattern.quote(name) + "_count(?:\\{[^}]*\\})?", 0)),
                value(exposition, Pattern.quote(name) + "\\{(?:[^}]*,)?quantile=\"0\\.5\"[^}]*\\}", Double.NaN),
                value(exposition, Pattern.quote(name) + "\\{(?:[^}]*,)?quantile=\"0\\.99\"[^}]*\\}", Double.NaN));
    }

    private static double value(String exposition, String series, double missing) {
        Matcher m =
                Pattern.compile("^" + series + "\\s+(\\S+)", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : missing;
    }
}
