package com.example.likes.platform.grpc.auth;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call this gRPC server. Every method but those of the public services (health, reflection) needs an API
 * key in the {@code x-api-key} metadata header.
 *
 * @param enabled whether keys are checked at all ({@code PLATFORM_GRPC_AUTH_ENABLED}); only the {@code dev} profile
 *     may switch them off (see {@code DevelopmentMode})
 * @param keys the keys this server accepts, each as {@code caller:key}, where the caller names who holds the key.
 *     To rotate a caller's key without downtime, list both of its keys, move the caller to the new one, then drop
 *     the old one. Each service reads them from its own variable ({@code DASHBOARD_GRPC_CALLER_KEYS} ...)
 * @param permissions the methods each caller may call, as {@code package.Service/Method} or
 *     {@code package.Service/*}; a caller not named here may call nothing but health and reflection
 */
@ConfigurationProperties("platform.grpc.auth")
public record GrpcAuthProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<String> keys,
        @DefaultValue Map<String, List<String>> permissions) {

    // The record's generated toString would print every key.
    @Override
    public String toString() {
        return "GrpcAuthProperties[enabled=%s, keys=%d, permissions=%s]".formatted(enabled, keys.size(), permissions);
    }
}
