package com.example.likes.platform.grpc.auth;

import com.example.likes.platform.grpc.GrpcInterceptorOrder;
import com.example.likes.platform.grpc.server.PlatformGrpcServerProperties;
import io.grpc.ManagedChannelBuilder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.client.GrpcChannelBuilderCustomizer;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * Service-to-service authentication: the server checks the {@code x-api-key} of every call
 * ({@link ApiKeyServerInterceptor}), and each client channel sends the key configured for it.
 */
@AutoConfiguration
@EnableConfigurationProperties({
    GrpcAuthProperties.class,
    GrpcClientAuthProperties.class,
    PlatformGrpcServerProperties.class
})
public class GrpcAuthAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GrpcAuthAutoConfiguration.class);

    @Bean
    @ConditionalOnBooleanProperty(name = "platform.grpc.auth.enabled", matchIfMissing = true)
    ApiKeys grpcApiKeys(GrpcAuthProperties properties) {
        if (properties.keys().isEmpty()) {
            throw new IllegalStateException("platform.grpc.auth.keys lists no caller:key, so no call could be"
                    + " authenticated: set the server's caller keys (see .env.example), or set"
                    + " platform.grpc.auth.enabled=false");
        }
        ApiKeys keys = ApiKeys.parse(properties.keys());
        List<String> keyless = properties.permissions().keySet().stream()
                .filter(caller -> !keys.callers().contains(caller))
                .toList();
        if (!keyless.isEmpty()) {
            // Not fatal: a deployment may drop a caller's key and keep its permissions.
            log.warn("platform.grpc.auth.permissions names callers that hold no key: {}", keyless);
        }
        List<String> ungranted = keys.callers().stream()
                .filter(caller -> !properties.permissions().containsKey(caller))
                .toList();
        if (!ungranted.isEmpty()) {
            // Not fatal either, but most likely a typo: these callers may call nothing but health and reflection.
            log.warn("platform.grpc.auth.permissions grants nothing to these callers: {}", ungranted);
        }
        log.info("gRPC calls need an API key; callers: {}", keys.callers());
        return keys;
    }

    /** Outside the dev profile the service does not start with authentication off (DevelopmentMode). */
    @Bean
    @ConditionalOnBooleanProperty(name = "platform.grpc.auth.enabled", havingValue = false)
    ApplicationRunner grpcAuthOffWarning() {
        return arguments -> log.warn("gRPC authentication is OFF (platform.grpc.auth.enabled=false): any client may"
                + " call every method. This is allowed in the dev profile only.");
    }

    @Bean
    @GlobalServerInterceptor
    @Order(GrpcInterceptorOrder.AUTHENTICATION)
    @ConditionalOnBooleanProperty(name = "platform.grpc.auth.enabled", matchIfMissing = true)
    ApiKeyServerInterceptor apiKeyServerInterceptor(
            ApiKeys keys, GrpcAuthProperties properties, PlatformGrpcServerProperties server) {
        return new ApiKeyServerInterceptor(keys, new MethodPermissions(properties.permissions()), server);
    }

    /** Adds the channel's key to every call on the channels that have one in {@code platform.grpc.client.api-keys}. */
    @Bean
    <T extends ManagedChannelBuilder<T>> GrpcChannelBuilderCustomizer<T> apiKeyChannelCustomizer(
            GrpcClientAuthProperties properties) {
        return (channel, builder) -> {
            String key = properties.apiKeys().get(channel);
            if (key != null && !key.isBlank()) {
                builder.intercept(new ApiKeyClientInterceptor(key.strip()));
            }
        };
    }
}
