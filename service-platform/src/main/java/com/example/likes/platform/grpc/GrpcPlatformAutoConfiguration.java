package com.example.likes.platform.grpc;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/** The gRPC side both services share: exceptions mapped to status codes once, inside the call lifecycle. */
@AutoConfiguration
public class GrpcPlatformAutoConfiguration {

    /**
     * Maps every exception, so it comes after any handler a service adds; and before Spring Security's, whose
     * "Authentication failed" and "Access denied" would hide why a call was refused.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    GrpcExceptionHandler platformGrpcExceptionHandler() {
        return new PlatformGrpcExceptionHandler();
    }

    @Bean
    @GlobalServerInterceptor
    @Order(GrpcInterceptorOrder.EXCEPTIONS)
    ServiceExceptionInterceptor serviceExceptionInterceptor(ObjectProvider<GrpcExceptionHandler> handlers) {
        return new ServiceExceptionInterceptor(handlers.orderedStream().toArray(GrpcExceptionHandler[]::new));
    }
}
