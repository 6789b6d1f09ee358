package com.example.likes.platform.grpc.server;

import io.grpc.netty.NettyServerBuilder;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * Caps the calls one client connection may have open at once, which Spring gRPC's properties do not cover. A class,
 * not a lambda, so that Spring applies it to the Netty server only.
 */
class MaxConcurrentCallsCustomizer implements ServerBuilderCustomizer<NettyServerBuilder> {

    private final int maxConcurrentCallsPerConnection;

    MaxConcurrentCallsCustomizer(int maxConcurrentCallsPerConnection) {
        this.maxConcurrentCallsPerConnection = maxConcurrentCallsPerConnection;
    }

    @Override
    public void customize(NettyServerBuilder builder) {
        builder.maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection);
    }
}
