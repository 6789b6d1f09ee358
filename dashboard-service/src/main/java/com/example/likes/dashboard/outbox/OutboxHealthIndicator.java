package com.example.likes.dashboard.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The outbox in {@code /actuator/health} ({@code components.outbox}): backlog, age of the oldest pending event,
 * failed events, and this instance's attempts and failures. It always reports UP: a backlog means product-service
 * is behind, not that the dashboard cannot serve, and it is not part of the readiness group. Alert on the
 * {@code outbox.*} metrics instead.
 */
class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxMetrics metrics;

    OutboxHealthIndicator(OutboxMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Health health() {
        OutboxBacklog backlog = metrics.backlog();
        return Health.up()
                .withDetail("pending", backlog.pending())
                .withDetail("oldestPendingAge", backlog.oldestPendingAge().toString())
                .withDetail("failed", backlog.failed())
                .withDetail("attempts", metrics.attempts())
                .withDetail("failures", metrics.failures())
                .build();
    }
}
