package com.example.likes.dashboard.replication;

import com.example.likes.platform.grpc.client.GrpcClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Wires replication: the recorder that writes product changes into the outbox table, the sender that delivers them to
 * product-service over the one long-lived channel that Spring owns, and what operators see of it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReplicationConfiguration {

    /** The callee: its channel in {@code spring.grpc.client.channel.*}, and its key. */
    static final String PRODUCT_SERVICE = "product-service";

    // Immediate deliveries queue up here when changes arrive faster than product-service answers; past this, the
    // sender's poll picks them up from the table instead.
    private static final int QUEUED_DELIVERIES = 10_000;

    @Bean
    ReplicationClient replicationClient(GrpcClients clients, ReplicationProperties properties) {
        properties.checkLeaseOutlasts(clients.deadline(PRODUCT_SERVICE));
        return new ReplicationClient(clients.channel(PRODUCT_SERVICE), properties.batchDeadline());
    }

    @Bean
    ThreadPoolTaskExecutor replicationDeliveries(GrpcClients clients, ReplicationProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("replication-");
        executor.setCorePoolSize(properties.concurrency());
        executor.setMaxPoolSize(properties.concurrency());
        executor.setQueueCapacity(QUEUED_DELIVERIES);
        // On shutdown, calls in flight may finish; whatever is left stays in the table for the next start.
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.setAwaitTerminationMillis(clients.deadline(PRODUCT_SERVICE).toMillis());
        return executor;
    }

    @Bean
    ReplicationMetrics replicationMetrics(ReplicationRepository events, MeterRegistry meters, Clock clock) {
        return new ReplicationMetrics(events, meters, clock);
    }

    @Bean
    ReplicationSender replicationSender(
            ReplicationRepository events,
            ReplicationClient client,
            ReplicationProperties properties,
            ReplicationMetrics metrics,
            ThreadPoolTaskExecutor replicationDeliveries) {
        return new ReplicationSender(events, client, properties, metrics, replicationDeliveries);
    }

    @Bean
    ReplicationRecorder replicationRecorder(
            ReplicationRepository events,
            ReplicationSender sender,
            ReplicationProperties properties,
            ReplicationMetrics metrics) {
        return new ReplicationRecorder(events, sender, properties, metrics);
    }

    @Bean
    ReplicationHealthIndicator replicationHealthIndicator(ReplicationMetrics metrics) {
        return new ReplicationHealthIndicator(metrics);
    }

    @Bean
    ReplicationEndpoint replicationEndpoint(ReplicationService replication) {
        return new ReplicationEndpoint(replication);
    }
}
