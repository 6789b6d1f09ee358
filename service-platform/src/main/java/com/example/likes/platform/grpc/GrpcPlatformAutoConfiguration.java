package com.example.likes.platform.grpc;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;

/** The gRPC side both services share: exceptions mapped to status codes once. */
@AutoConfiguration
public class GrpcPlatformAutoConfiguration {

    @Bean
    GrpcExceptionHandler platformGrpcExceptionHandler() {
        return new PlatformGrpcExceptionHandler();
    }
}
