package com.example.likes.platform.grpc.ratelimit;

import com.example.likes.platform.grpc.GrpcInterceptorOrder;
import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;

/** Rate limits per caller and method on every gRPC server, from {@code platform.grpc.rate-limit.*}. */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "platform.grpc.rate-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties({GrpcRateLimitProperties.class, PlatformGrpcServerProperties.class})
public class GrpcRateLimitAutoConfiguration {

    @Bean
    @GlobalServerInterceptor
    @Order(GrpcInterceptorOrder.RATE_LIMIT)
    RateLimitServerInterceptor rateLimitServerInterceptor(
            GrpcRateLimitProperties properties, PlatformGrpcServerProperties server) {
        return new RateLimitServerInterceptor(new RateLimits(properties), server);
    }
}
