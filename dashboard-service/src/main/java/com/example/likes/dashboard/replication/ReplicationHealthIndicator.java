package com.example.likes.dashboard.replication;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Replication in {@code /actuator/health} ({@code components.replication}): backlog, age of the oldest pending event,
 * failed events, and this instance's attempts and failures. It always reports UP: a backlog means product-service
 * is behind, not that the dashboard cannot serve, and it is not part of the readiness group. Alert on the
 * {@code replication.*} metrics instead.
 */
class ReplicationHealthIndicator implements HealthIndicator {

    private final ReplicationMetrics metrics;

    ReplicationHealthIndicator(ReplicationMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Health health() {
        ReplicationBacklog backlog = metrics.backlog();
        return Health.up()
                .withDetail("pending", backlog.pending())
                .withDetail("oldestPendingAge", backlog.oldestPendingAge().toString())
                .withDetail("failed", backlog.failed())
                .withDetail("attempts", metrics.attempts())
                .withDetail("failures", metrics.failures())
                .build();
    }
}
