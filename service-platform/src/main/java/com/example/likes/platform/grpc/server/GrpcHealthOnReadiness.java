package com.example.likes.platform.grpc.server;

import io.grpc.protobuf.services.HealthStatusManager;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.grpc.server.health.GrpcServerHealth;
import org.springframework.context.ApplicationListener;

/**
 * Recomputes gRPC health the moment the application is ready to take traffic, instead of at the next scheduled
 * update: {@code SERVING} at once, rather than up to one period ({@code spring.grpc.server.health.schedule.period})
 * later. The way down at shutdown is {@link NotServingOnShutdown}'s, which needs no health check (a check could wait
 * for a database that is gone).
 */
class GrpcHealthOnReadiness implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

    private final GrpcServerHealth health;
    private final HealthStatusManager statuses;

    GrpcHealthOnReadiness(GrpcServerHealth health, HealthStatusManager statuses) {
        this.health = health;
        this.statuses = statuses;
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            health.update(statuses);
        }
    }
}
