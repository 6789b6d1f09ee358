package com.example.likes.platform.grpc.server;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the platform adds to Spring gRPC's own server settings ({@code spring.grpc.server.*}: port, message size,
 * keepalive, reflection, health, shutdown grace period).
 *
 * @param publicServices services anyone may call without a key and without a rate limit, whose calls are logged at
 *     debug level only: health and reflection, which probes and tools call
 * @param maxConcurrentCallsPerConnection how many calls one client connection may have open at once; more wait for
 *     a free slot ({@code PLATFORM_GRPC_SERVER_MAX_CONCURRENT_CALLS_PER_CONNECTION})
 * @param shutdownDelay how long the server keeps serving after it reported {@code NOT_SERVING} at shutdown, so that
 *     load balancers that poll health stop sending calls before the port closes
 *     ({@code PLATFORM_GRPC_SERVER_SHUTDOWN_DELAY})
 */
@ConfigurationProperties("platform.grpc.server")
public record PlatformGrpcServerProperties(
        @DefaultValue({
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection"
        })
        List<String> publicServices,

        @DefaultValue("100") int maxConcurrentCallsPerConnection,
        @DefaultValue("0s") Duration shutdownDelay) {

    /** Whether calls to {@code service} (a full service name such as {@code grpc.health.v1.Health}) are public. */
    public boolean isPublic(String service) {
        return publicServices.contains(service);
    }
}
