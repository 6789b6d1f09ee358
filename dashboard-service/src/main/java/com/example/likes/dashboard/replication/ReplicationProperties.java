package com.example.likes.dashboard.replication;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How product changes travel to product-service. Where it listens, and how long one delivery attempt (one call)
 * may take, are the gRPC channel's: {@code spring.grpc.client.channel.product-service.target} and
 * {@code .default.deadline} ({@code DASHBOARD_TO_PRODUCT_TARGET}, {@code DASHBOARD_TO_PRODUCT_DEADLINE}).
 *
 * @param batchDeadline how long the delivery of a batch of events (one call) may take
 *     ({@code DASHBOARD_REPLICATION_BATCH_DEADLINE})
 * @param initialBackoff the wait after the first failed attempt, doubled after each further failure
 *     ({@code DASHBOARD_REPLICATION_INITIAL_BACKOFF})
 * @param maxBackoff the longest wait between two attempts ({@code DASHBOARD_REPLICATION_MAX_BACKOFF})
 * @param maxAttempts attempts after which an event is parked as failed for an operator to retry
 *     ({@code DASHBOARD_REPLICATION_MAX_ATTEMPTS})
 * @param pollInterval how often the sender looks for events that are due again
 *     ({@code DASHBOARD_REPLICATION_POLL_INTERVAL})
 * @param batchSize how many due events one poll claims and sends in one call
 *     ({@code DASHBOARD_REPLICATION_BATCH_SIZE}); at most {@value #MAX_BATCH_SIZE}, the most product-service takes in
 *     one call
 * @param concurrency how many deliveries run at once ({@code DASHBOARD_REPLICATION_CONCURRENCY})
 * @param lease how long a claimed event is left to its claimer before another sender may take it over, for example
 *     after a crash ({@code DASHBOARD_REPLICATION_LEASE})
 */
@ConfigurationProperties("dashboard.replication")
record ReplicationProperties(
        @DefaultValue("5s") Duration batchDeadline,
        @DefaultValue("250ms") Duration initialBackoff,
        @DefaultValue("10s") Duration maxBackoff,
        @DefaultValue("20") int maxAttempts,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("8") int concurrency,
        @DefaultValue("10s") Duration lease) {

    /** The most changes {@code product.v1.ProductReceiverService/ApplyProductChanges} takes in one call. */
    static final int MAX_BATCH_SIZE = 500;

    ReplicationProperties {
        if (maxAttempts < 1 || batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("max-attempts, batch-size and concurrency must be 1 or more");
        }
        if (batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch-size must be at most " + MAX_BATCH_SIZE
                    + ", the most changes product-service takes in one call");
        }
        if (lease.compareTo(batchDeadline) <= 0) {
            throw new IllegalArgumentException(
                    "lease must be longer than batch-deadline, or claims would expire mid-call");
        }
    }

    /**
     * Checks the lease against the deadline of a single delivery, which the channel sets.
     *
     * @throws IllegalArgumentException when a claim could expire while its delivery is still under way
     */
    void checkLeaseOutlasts(Duration callDeadline) {
        if (lease.compareTo(callDeadline) <= 0) {
            throw new IllegalArgumentException("lease must be longer than the deadline of a call to product-service"
                    + " (DASHBOARD_TO_PRODUCT_DEADLINE), or claims would expire mid-call");
        }
    }

    RetrySchedule retrySchedule() {
        return new RetrySchedule(initialBackoff, maxBackoff);
    }
}
