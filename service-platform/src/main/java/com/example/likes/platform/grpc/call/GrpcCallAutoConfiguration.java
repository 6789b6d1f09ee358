package com.example.likes.platform.grpc.call;

import com.example.likes.platform.grpc.GrpcInterceptorOrder;
import com.example.likes.platform.grpc.auth.GrpcAuthAutoConfiguration;
import com.example.likes.platform.grpc.auth.GrpcCallers;
import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * The lifecycle events of every gRPC call the server answers, the request log that listens to them, and a log line
 * for every call the service makes.
 */
@AutoConfiguration(after = GrpcAuthAutoConfiguration.class)
@EnableConfigurationProperties(PlatformGrpcServerProperties.class)
public class GrpcCallAutoConfiguration {

    @Bean
    @GlobalServerInterceptor
    @Order(GrpcInterceptorOrder.CALL_LIFECYCLE)
    GrpcCallLifecycleInterceptor grpcCallLifecycleInterceptor(
            ApplicationEventPublisher events, ObjectProvider<GrpcCallers> callers, ObjectProvider<Tracer> tracer) {
        return new GrpcCallLifecycleInterceptor(events, callers.getIfAvailable(), tracer.getIfAvailable());
    }

    @Bean
    GrpcCallLog grpcCallLog(PlatformGrpcServerProperties server) {
        return new GrpcCallLog(server);
    }

    @Bean
    @GlobalClientInterceptor
    GrpcClientCallLog grpcClientCallLog(ObjectProvider<Tracer> tracer) {
        return new GrpcClientCallLog(tracer.getIfAvailable());
    }
}
