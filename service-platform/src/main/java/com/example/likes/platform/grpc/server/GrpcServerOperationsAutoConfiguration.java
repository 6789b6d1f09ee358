package com.example.likes.platform.grpc.server;

import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerExecutorProvider;
import org.springframework.boot.grpc.server.health.GrpcServerHealth;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * How the gRPC server runs: virtual threads when {@code spring.threads.virtual.enabled}, a cap on concurrent calls
 * per connection, and health that follows readiness at once and turns {@code NOT_SERVING} before the server drains
 * at shutdown. Health itself (the actuator health mapped to serving status on a schedule, the database's included),
 * keepalive, message size and reflection are Spring gRPC's, set through {@code spring.grpc.server.*}.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration")
@EnableConfigurationProperties(PlatformGrpcServerProperties.class)
public class GrpcServerOperationsAutoConfiguration {

    @Bean
    @ConditionalOnThreading(Threading.VIRTUAL)
    GrpcServerExecutorProvider virtualThreadGrpcExecutor() {
        return new VirtualThreadGrpcExecutor();
    }

    @Bean
    @ConditionalOnClass(NettyServerBuilder.class)
    ServerBuilderCustomizer<NettyServerBuilder> maxConcurrentCallsCustomizer(PlatformGrpcServerProperties properties) {
        return new MaxConcurrentCallsCustomizer(properties.maxConcurrentCallsPerConnection());
    }

    @Bean
    @ConditionalOnBean({GrpcServerHealth.class, HealthStatusManager.class})
    GrpcHealthOnReadiness grpcHealthOnReadiness(GrpcServerHealth health, HealthStatusManager statuses) {
        return new GrpcHealthOnReadiness(health, statuses);
    }

    @Bean
    @ConditionalOnBean(HealthStatusManager.class)
    NotServingOnShutdown notServingOnShutdown(
            ApplicationContext context, HealthStatusManager health, PlatformGrpcServerProperties properties) {
        return new NotServingOnShutdown(context, health, properties.shutdownDelay());
    }
}
