package com.example.likes.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusSummaryTest {

    private static final String SCRAPE = """
            # HELP replication_lag_seconds Time from a change's commit to its delivery to product-service
            # TYPE replication_lag_seconds summary
            replication_lag_seconds{application="dashboard-service",quantile="0.5"} 0.004
            replication_lag_seconds{application="dashboard-service",quantile="0.99"} 0.031
            replication_lag_seconds_count{application="dashboard-service"} 1204
            replication_lag_seconds_sum{application="dashboard-service"} 6.2
            replication_lag_seconds_max{application="dashboard-service"} 0.2
            replication_lag_other_seconds_count{application="dashboard-service"} 7
            """;

    @Test
    void readsTheCountAndThePublishedQuantilesOfOneTimer() {
        PrometheusSummary lag = PrometheusSummary.parse(SCRAPE, "replication_lag_seconds");

        assertThat(lag.count()).isEqualTo(1204);
        assertThat(lag.p50Seconds()).isEqualTo(0.004);
        assertThat(lag.p99Seconds()).isEqualTo(0.031);
    }

    @Test
    void readsATimerWithoutLabels() {
        PrometheusSummary lag = PrometheusSummary.parse("""
                replication_lag_seconds{quantile="0.99"} 0.02
                replication_lag_seconds_count 12
                """, "replication_lag_seconds");

        assertThat(lag.count()).isEqualTo(12);
        assertThat(lag.p99Seconds()).isEqualTo(0.02);
    }

    @Test
    void aTimerThatIsNotThereHasNoCountAndNoQuantiles() {
        PrometheusSummary none = PrometheusSummary.parse("# nothing\n", "replication_lag_seconds");

        assertThat(none.count()).isZero();
        assertThat(none.p50Seconds()).isNaN();
        assertThat(none.p99Seconds()).isNaN();
    }
}
