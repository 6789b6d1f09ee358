package com.example.likes.platform.grpc.call;

/**
 * A gRPC call reached this server, before any check: published as a Spring application event, so that a service can
 * react with an {@code @EventListener} without an interceptor of its own. Listeners run on the call's thread.
 */
public record GrpcCallStarted(GrpcCall call) {}
