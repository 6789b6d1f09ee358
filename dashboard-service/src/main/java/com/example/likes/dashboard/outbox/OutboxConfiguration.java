package com.example.likes.dashboard.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Wires the outbox: the recorder that writes product changes into it, the relay that delivers them to
 * product-service over the one long-lived channel that Spring owns, and what operators see of it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OutboxConfiguration {

    /** The name of the channel in {@code spring.grpc.client.channel.*}. */
    static final String CHANNEL = "product-service";

    // Immediate deliveries queue up here when changes arrive faster than product-service answers; past this, the
    // relay's poll picks them up from the table instead.
    private static final int QUEUED_DELIVERIES = 10_000;

    @Bean
    ProductReceiverClient productReceiverClient(GrpcChannelFactory channels, ReplicationProperties properties) {
        return new ProductReceiverClient(
                channels.createChannel(CHANNEL), properties.deadline(), properties.batchDeadline());
    }

    @Bean
    ThreadPoolTaskExecutor outboxDeliveries(ReplicationProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("outbox-relay-");
        executor.setCorePoolSize(properties.concurrency());
        executor.setMaxPoolSize(properties.concurrency());
        executor.setQueueCapacity(QUEUED_DELIVERIES);
        // On shutdown, calls in flight may finish; whatever is left stays in the table for the next start.
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.setAwaitTerminationMillis(properties.deadline().toMillis());
        return executor;
    }

    @Bean
    OutboxMetrics outboxMetrics(OutboxRepository outbox, MeterRegistry meters, Clock clock) {
        return new OutboxMetrics(outbox, meters, clock);
    }

    @Bean
    OutboxRelay outboxRelay(
            OutboxRepository outbox,
            ProductReceiverClient receiver,
            ReplicationProperties properties,
            OutboxMetrics metrics,
            ThreadPoolTaskExecutor outboxDeliveries) {
        return new OutboxRelay(outbox, receiver, properties, metrics, outboxDeliveries);
    }

    @Bean
    OutboxRecorder outboxRecorder(
            OutboxRepository outbox, OutboxRelay relay, ReplicationProperties properties, OutboxMetrics metrics) {
        return new OutboxRecorder(outbox, relay, properties, metrics);
    }

    @Bean
    OutboxHealthIndicator outboxHealthIndicator(OutboxMetrics metrics) {
        return new OutboxHealthIndicator(metrics);
    }

    @Bean
    OutboxEndpoint outboxEndpoint(OutboxService outbox) {
        return new OutboxEndpoint(outbox);
    }
}
