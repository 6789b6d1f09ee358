package com.example.likes.platform.grpc.server;

import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Turns every gRPC health status to {@code NOT_SERVING} as soon as the application starts to shut down, before the
 * gRPC server stops taking calls and drains the ones in flight ({@code spring.grpc.server.shutdown.grace-period}).
 *
 * <p>Spring closes the context in this order: it publishes {@link ContextClosedEvent} (here), then stops the
 * lifecycle beans, the gRPC server among them, then destroys the beans. Spring gRPC's own health manager turns
 * {@code NOT_SERVING} only when it is destroyed, after the server has gone. The terminal state is final: the
 * scheduled health updates cannot turn it back to {@code SERVING}. With a {@code shutdown-delay} the server keeps
 * answering, {@code NOT_SERVING} to health checks, for that long, so that balancers that poll stop sending calls.
 */
class NotServingOnShutdown implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(NotServingOnShutdown.class);

    private final ApplicationContext context;
    private final HealthStatusManager health;
    private final Duration delay;

    NotServingOnShutdown(ApplicationContext context, HealthStatusManager health, Duration delay) {
        this.context = context;
        this.health = health;
        this.delay = delay;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context) {
            return;
        }
        health.enterTerminalState();
        log.info("gRPC health is NOT_SERVING: shutting down, in-flight calls drain after {}", delay);
        if (delay.isPositive()) {
            waitFor(delay);
        }
    }

    // Nothing to wait on but time: balancers poll health on their own schedule.
    private static void waitFor(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
