package com.example.likes.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusHistogramTest {

    private static final String BEFORE = """
            # TYPE outbox_replication_lag_seconds histogram
            outbox_replication_lag_seconds_bucket{application="dashboard-service",le="0.001"} 1
            outbox_replication_lag_seconds_bucket{application="dashboard-service",le="0.005"} 3
            outbox_replication_lag_seconds_bucket{application="dashboard-service",le="0.05"} 4
            outbox_replication_lag_seconds_bucket{application="dashboard-service",le="+Inf"} 4
            outbox_replication_lag_seconds_count{application="dashboard-service"} 4
            outbox_replication_lag_seconds_sum{application="dashboard-service"} 0.02
            """;

    private static final String AFTER = """
            outbox_replication_lag_seconds_bucket{application="dashboard-service",le="0.001"} 1
            outbox_replication_lag_seconds_bucket{application="dashboard-service",le="0.005"} 93
            outbox_replication_lag_seconds_bucket{application="dashboard-service",le="0.05"} 103
            outbox_replication_lag_seconds_bucket{application="dashboard-service",le="+Inf"} 104
            outbox_replication_lag_seconds_max{application="dashboard-service"} 0.2
            """;

    @Test
    void twoScrapesGiveTheDistributionOfWhatHappenedBetweenThem() {
        PrometheusHistogram window = PrometheusHistogram.parse(AFTER, "outbox_replication_lag_seconds")
                .minus(PrometheusHistogram.parse(BEFORE, "outbox_replication_lag_seconds"));

        assertThat(window.count()).isEqualTo(100);
        assertThat(window.quantileUpperBound(0.5)).isEqualTo(0.005);
        assertThat(window.quantileUpperBound(0.9)).isEqualTo(0.005);
        assertThat(window.quantileUpperBound(0.99)).isEqualTo(0.05);
        assertThat(window.quantileUpperBound(1.0)).isInfinite();
    }

    @Test
    void aMetricThatIsNotThereHasNoQuantiles() {
        PrometheusHistogram none = PrometheusHistogram.parse("# nothing\n", "outbox_replication_lag_seconds");

        assertThat(none.count()).isZero();
        assertThat(none.quantileUpperBound(0.99)).isNaN();
    }
}
