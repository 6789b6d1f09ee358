package com.example.likes.platform.grpc;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/** The gRPC side both services share: exceptions mapped to status codes once, right around each service. */
@AutoConfiguration
public class GrpcPlatformAutoConfiguration {

    @Bean
    GrpcExceptionHandler platformGrpcExceptionHandler() {
        return new PlatformGrpcExceptionHandler();
    }

    @Bean
    @GlobalServerInterceptor
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServiceExceptionInterceptor serviceExceptionInterceptor(ObjectProvider<GrpcExceptionHandler> handlers) {
        return new ServiceExceptionInterceptor(handlers.orderedStream().toArray(GrpcExceptionHandler[]::new));
    }
}
