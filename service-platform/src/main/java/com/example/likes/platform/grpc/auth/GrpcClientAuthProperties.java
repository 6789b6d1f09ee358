package com.example.likes.platform.grpc.auth;

import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What this service presents when it calls other gRPC servers.
 *
 * @param apiKeys the API key sent in {@code x-api-key} on every call of a channel, by channel name (the names of
 *     {@code spring.grpc.client.channel.*}). Channels without a key send none, so a key reaches only the server
 *     it was issued for.
 */
@ConfigurationProperties("platform.grpc.client")
public record GrpcClientAuthProperties(@DefaultValue Map<String, String> apiKeys) {

    // The record's generated toString would print every key.
    @Override
    public String toString() {
        return "GrpcClientAuthProperties[apiKeys for "
                + apiKeys.keySet().stream().sorted().collect(Collectors.joining(", ", "[", "]")) + "]";
    }
}
